import { parseProxyResult } from "../../src/local-gateway/lambda/proxy-result";

describe("parseProxyResult", () => {
  test("a full result gives status, lower-case headers with multi-values, and the body", () => {
    const parsed = parseProxyResult({ statusCode: 201, headers: { "X-One": "1", Count: 2 }, multiValueHeaders: { "Set-Cookie": ["a=1", "b=2"] }, body: "ok" });
    expect(parsed).toEqual({
      ok: true,
      response: { statusCode: 201, headers: [["x-one", "1"], ["count", "2"], ["set-cookie", "a=1"], ["set-cookie", "b=2"]], body: "ok", isBase64Encoded: false },
    });
  });

  test("a numeric string status code is accepted and a missing body is empty", () => {
    const parsed = parseProxyResult({ statusCode: "204" });
    expect(parsed.ok && parsed.response.statusCode).toBe(204);
    expect(parsed.ok && parsed.response.body.length).toBe(0);
  });

  test("a base64 body is kept as text with its flag: whether it is decoded depends on the request (binary media types)", () => {
    const parsed = parseProxyResult({ statusCode: 200, body: "AP8=", isBase64Encoded: true });
    expect(parsed).toMatchObject({ ok: true, response: { body: "AP8=", isBase64Encoded: true } });
  });

  test("a missing status code is 200", () => {
    expect(parseProxyResult({ body: "x" })).toMatchObject({ ok: true, response: { statusCode: 200 } });
  });

  it.each([
    ["not an object", "text", "the result is not an object"],
    ["an unknown key", { statusCode: 200, cookies: [] }, 'the result has the unexpected key "cookies"'],
    ["a status code that is not a number", { statusCode: "abc" }, 'statusCode must be an HTTP status code, got "abc"'],
    ["a header name with a space", { statusCode: 200, headers: { "bad name": "x" } }, 'the header name "bad name" is not a valid HTTP header name'],
    ["a header value with a line break", { statusCode: 200, headers: { "x-bad": "a\r\nInjected: 1" } }, "the value of the header x-bad holds characters an HTTP header cannot carry"],
    ["a multi-value header value with a NUL", { statusCode: 200, multiValueHeaders: { "x-bad": ["ok", "a\u0000"] } }, "the value of the header x-bad holds characters an HTTP header cannot carry"],
    ["a body that is not a string", { statusCode: 200, body: { a: 1 } }, "body must be a string"],
    ["an object header value", { statusCode: 200, headers: { a: {} } }, "headers.a must be a string, number or boolean"],
    ["a multi-value header that is not a list", { statusCode: 200, multiValueHeaders: { a: "x" } }, "multiValueHeaders.a must be a list of strings"],
  ])("%s is a malformed proxy response", (_name, payload, reason) => {
    expect(parseProxyResult(payload)).toEqual({ ok: false, reason });
  });
});
