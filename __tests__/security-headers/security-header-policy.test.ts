import { ConfigError } from "../../src/config/config-error";
import { SecurityHeaderPolicy } from "../../src/security-headers/security-header-policy";

describe("SecurityHeaderPolicy", () => {
  test("puts HSTS first, with the constructs' default value", () => {
    const policy = new SecurityHeaderPolicy();
    expect(Object.entries(policy.headers)).toEqual([["Strict-Transport-Security", "max-age=31536000; includeSubDomains"]]);
  });

  test("renders static gateway-response parameters as single-quoted values", () => {
    const policy = new SecurityHeaderPolicy({ hsts: { preload: true }, additionalHeaders: { "X-Content-Type-Options": "nosniff" } });
    expect(policy.toGatewayResponseParameters()).toEqual({
      "gatewayresponse.header.Strict-Transport-Security": "'max-age=31536000; includeSubDomains; preload'",
      "gatewayresponse.header.X-Content-Type-Options": "'nosniff'",
    });
  });

  test("hands the backend exactly the same header set as JSON", () => {
    const policy = new SecurityHeaderPolicy({ additionalHeaders: { "Cache-Control": "no-store" } });
    expect(JSON.parse(policy.toJson())).toEqual(policy.headers);
  });

  test.each([
    ["a single quote", "it's"],
    ["a newline", "a\nb"],
    ["a carriage return", "a\rb"],
    ["a leading space", " x"],
    ["non-ASCII text", "café"],
    ["an empty value", ""],
  ])("rejects a header value with %s, naming the header", (_what, value) => {
    expect(() => new SecurityHeaderPolicy({ additionalHeaders: { "X-Test": value } })).toThrow(
      `property 'securityHeaders.additionalHeaders.X-Test' must be printable ASCII without single quotes, newlines or leading/trailing spaces, got ${JSON.stringify(value)}`,
    );
  });

  test.each(["X Test", "X-Test:", "", "Ünicode"])("rejects the header name %p as not an HTTP token", (name) => {
    expect(() => new SecurityHeaderPolicy({ additionalHeaders: { [name]: "v" } })).toThrow(
      `property 'securityHeaders.additionalHeaders name' must be an HTTP header name (letters, digits and !#$%&'*+-.^_\`|~), got ${JSON.stringify(name)}`,
    );
  });

  test("rejects a second Strict-Transport-Security in another case", () => {
    expect(() => new SecurityHeaderPolicy({ additionalHeaders: { "strict-transport-security": "max-age=1" } })).toThrow(
      /must not repeat the header "strict-transport-security"/,
    );
  });

  test("reports every problem at once", () => {
    let caught: unknown;
    try {
      new SecurityHeaderPolicy({ hsts: { preload: true, includeSubDomains: false, maxAgeSeconds: 10 }, additionalHeaders: { "X-A": "'" } });
    } catch (error: unknown) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as ConfigError).problems).toHaveLength(3);
  });
});
