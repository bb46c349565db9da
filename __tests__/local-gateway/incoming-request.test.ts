import { MalformedRequestError, parseIncomingRequest, RawRequest } from "../../src/local-gateway/parse/incoming-request";

const raw = (url: string, rawHeaders: string[] = []): RawRequest => ({
  method: "get",
  url,
  rawHeaders,
  body: Buffer.alloc(0),
  bodyTooLarge: false,
  remoteAddress: "::ffff:127.0.0.1",
  httpVersion: "1.1",
  receivedAt: 1,
});

describe("parseIncomingRequest", () => {
  test("splits the path into decoded segments and keeps the raw path", () => {
    const request = parseIncomingRequest(raw("/prod/a%2Fb/c%20d/?x=1"));
    expect(request.rawPath).toBe("/prod/a%2Fb/c%20d/");
    expect(request.segments).toEqual(["prod", "a/b", "c d"]);
    expect(request.method).toBe("GET");
    expect(request.sourceIp).toBe("127.0.0.1");
    expect(request.protocol).toBe("HTTP/1.1");
  });

  test("reads repeated, encoded and valueless query parameters", () => {
    const request = parseIncomingRequest(raw("/p?a=1&a=2&b=x+y%21&flag&bad=%E0"));
    expect(request.query.get("a")).toEqual(["1", "2"]);
    expect(request.query.get("b")).toEqual(["x y!"]);
    expect(request.query.get("flag")).toEqual([""]);
    expect(request.query.get("bad")).toEqual(["%E0"]);
  });

  test("accepts an absolute-form target", () => {
    expect(parseIncomingRequest(raw("http://127.0.0.1:3000/prod/test?q=1")).segments).toEqual(["prod", "test"]);
  });

  test("looks headers up case-insensitively, last value wins, and keeps the client's casing in the list", () => {
    const request = parseIncomingRequest(raw("/", ["X-Custom-Auth", "one", "x-custom-auth", "two"]));
    expect(request.header("X-CUSTOM-AUTH")).toBe("two");
    expect(request.header("absent")).toBeUndefined();
    expect(request.headerList).toEqual([["X-Custom-Auth", "one"], ["x-custom-auth", "two"]]);
  });

  test("refuses invalid percent-encoding in the path and a target that is not a path", () => {
    expect(() => parseIncomingRequest(raw("/prod/%E0%A4%A"))).toThrow(MalformedRequestError);
    expect(() => parseIncomingRequest(raw("/prod/%E0%A4%A"))).toThrow('the path segment "%E0%A4%A" has invalid percent-encoding');
    expect(() => parseIncomingRequest(raw("*"))).toThrow('the request target "*" is not a path');
  });
});
