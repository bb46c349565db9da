import { staticParameters, staticValueLiteral, staticValueProblems } from "../../src/security-headers/static-value";
import { ConfigError } from "../../src/validation/config-error";
import { configProblems } from "../support/config-problems";

// The rule and its sources: src/security-headers/static-value.ts (DataBiosphere/azul
// src/azul/infra/terraform.py and test/integration_test.py `test_default_4xx_response_headers`).
describe("a static header value", () => {
  test("is written between one pair of single quotes", () => {
    expect(staticValueLiteral("X-Content-Type-Options", "nosniff")).toBe("'nosniff'");
  });

  test.each([
    ["a CSP keyword at the end", "frame-ancestors 'none'", "'frame-ancestors 'none''"],
    ["several CSP keywords", "default-src 'self'; frame-ancestors 'none'", "'default-src 'self'; frame-ancestors 'none''"],
    ["a quote at the start", "'x", "''x'"],
    ["a lone quote", "'", "'''"],
  ])("keeps %s as it is: API Gateway has no escape for a quote inside", (_what, value, literal) => {
    expect(staticValueLiteral("X-Test", value)).toBe(literal);
  });

  test.each([
    ["a backslash-escaped quote", "default-src \\'self\\'"],
    ["a doubled quote", "default-src ''self''"],
  ])("is written unchanged even with %s: the writer neither escapes nor unescapes", (_what, value) => {
    expect(staticValueLiteral("X-Test", value)).toBe(`'${value}'`);
  });

  test.each([
    ["a line break, which would inject a header", "a\r\nSet-Cookie: x"],
    ["a tab", "a\tb"],
    ["a leading space, which clients trim", " x"],
    ["a trailing space, which clients trim", "x "],
    ["nothing", ""],
    ["non-ASCII text", "café"],
    ["a NUL", "a\u0000b"],
  ])("refuses %s, naming the header", (_what, value) => {
    const problems = configProblems(() => staticValueLiteral("X-Test", value));
    expect(problems).toEqual([`header 'X-Test' must have a static value of printable ASCII, without newlines or leading/trailing spaces, got ${JSON.stringify(value)}`]);
  });

  test("is refused with a ConfigError, never written half-way", () => {
    expect(() => staticParameters("gatewayresponse.header.", { "X-Good": "ok", "X-Bad": "a\nb" })).toThrow(ConfigError);
  });

  test.each([
    ["a string with a quote", "it's", []],
    ["a number", 5, ["property 'f' must be printable ASCII, without newlines or leading/trailing spaces, got 5"]],
    ["a line break", "a\nb", ['property \'f\' must be printable ASCII, without newlines or leading/trailing spaces, got "a\\nb"']],
  ])("is checked up front with a message naming the field: %s", (_what, value, problems) => {
    expect(staticValueProblems("f", value)).toEqual(problems);
  });

  test("gives every header of a set its own key with the prefix, in order", () => {
    expect(staticParameters("method.response.header.", { "Strict-Transport-Security": "max-age=1", "Content-Security-Policy": "frame-ancestors 'none'" })).toEqual({
      "method.response.header.Strict-Transport-Security": "'max-age=1'",
      "method.response.header.Content-Security-Policy": "'frame-ancestors 'none''",
    });
  });
});
