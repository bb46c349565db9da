import * as fc from "fast-check";
import { readStaticValue } from "../../src/local-gateway/static-value";
import { corsPreflightHeaders, corsResponseHeaders } from "../../src/security-headers/cors";
import { SecurityHeaderPolicy } from "../../src/security-headers/security-header-policy";
import { staticValueLiteral, staticValueProblems } from "../../src/security-headers/static-value";

/** Every value the constructs send by default: the header set, with preload, and the CORS headers. */
const DEFAULT_SETS: readonly (readonly [string, () => Readonly<Record<string, string>>])[] = [
  ["the default header set", () => new SecurityHeaderPolicy().headers],
  ["the header set with HSTS preload", () => new SecurityHeaderPolicy({ hsts: { preload: true } }).headers],
  ["the CORS response headers", () => corsResponseHeaders({ allowOrigin: "*" })],
  ["the CORS preflight headers", () => corsPreflightHeaders({ allowOrigin: "*" })],
];

const QUOTED_VALUES: readonly (readonly [string, string])[] = [
  ["Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'"],
  ["Content-Security-Policy", "script-src 'self' 'nonce-abc123=' 'sha256-AbC+/='"],
  ["X-Note", "it's"],
  ["X-Note", "'quoted at both ends'"],
  ["X-Note", "'"],
  ["X-Note", "''"],
];

describe("a static value written by the synthesized stack and read by the local gateway", () => {
  test("the defaults include the CSP whose quotes this rule is about", () => {
    expect(new SecurityHeaderPolicy().headers["Content-Security-Policy"]).toBe("frame-ancestors 'none'");
  });

  test.each(DEFAULT_SETS)("every value of %s comes back unchanged", (_set, headers) => {
    const values = Object.entries(headers());
    expect(values.length).toBeGreaterThan(0);
    for (const [header, value] of values) {
      expect(readStaticValue(staticValueLiteral(header, value))).toBe(value);
    }
  });

  test.each(QUOTED_VALUES)("%s with quotes inside, %p, comes back with its quotes", (header, value) => {
    expect(readStaticValue(staticValueLiteral(header, value))).toBe(value);
  });

  test("every value the rule allows comes back unchanged", () => {
    const allowed = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)), minLength: 1, maxLength: 60 })
      .filter((value) => staticValueProblems("value", value).length === 0);
    fc.assert(
      fc.property(allowed, (value) => {
        expect(readStaticValue(staticValueLiteral("X-Test", value))).toBe(value);
      }),
      { numRuns: 2000 },
    );
  });

  test.each(["method.request.header.Origin", "context.requestId", "'", "", "'open", "closed'"])(
    "the local gateway does not take %p for a static literal",
    (expression) => {
      expect(readStaticValue(expression)).toBeUndefined();
    },
  );
});
