import { parseProxyResult } from "../../src/local-gateway/lambda/proxy-result";

describe("parseProxyResult", () => {
  test("a full result gives status, lower-case headers with multi-values, and the body", () => {
    const parsed = parseProxyResult({ statusCode: 201, headers: { "X-One": "1", Count: 2 }, multiValueHeaders: { "Set-Cookie": ["a=1", "b=2"] }, body: "ok" });
    expect(parsed).toEqual({
      ok: true,
      response: { statusCode: 201, headers: [["x-one", "1"], ["count", "2"], ["set-cookie", "a=1"], ["set-cookie", "b=2"]], body: Buffer.from("ok") },
    });
  });

  test("a numeric string status code is accepted and a missing body is empty", () => {
    const parsed = parseProxyResult({ statusCode: "204" });
    expect(parsed.ok && parsed.response.statusCode).toBe(204);
    expect(parsed.ok && parsed.response.body.length).toBe(0);
  });

  test("a base64 body is decoded", () => {
    const parsed = parseProxyResult({ statusCode: 200, body: Buffer.from([0, 255]).toString("base64"), isBase64Encoded: true });
    expect(parsed.ok && [...parsed.response.body]).toEqual([0, 255]);
  });

  it.each([
    ["not an object", "text", "the result is not an object"],
    ["an unknown key", { statusCode: 200, cookies: [] }, 'the result has the unexpected key "cookies"'],
    ["no status code", { body: "x" }, "statusCode must be an HTTP status code, got undefined"],
    ["a body that is not a string", { statusCode: 200, body: { a: 1 } }, "body must be a string"],
    ["an object header value", { statusCode: 200, headers: { a: {} } }, "headers.a must be a string, number or boolean"],
    ["a multi-value header that is not a list", { statusCode: 200, multiValueHeaders: { a: "x" } }, "multiValueHeaders.a must be a list of strings"],
  ])("%s is a malformed proxy response", (_name, payload, reason) => {
    expect(parseProxyResult(payload)).toEqual({ ok: false, reason });
  });
});
