import { OWASP_API_HEADER_DEFAULTS } from "../../src/security-headers/security-header-defaults";
import { SecurityHeaderPolicy, SecurityHeaderPolicyProps } from "../../src/security-headers/security-header-policy";
import { configProblems } from "../support/config-problems";

function problemsOf(props: SecurityHeaderPolicyProps): readonly string[] {
  return configProblems(() => new SecurityHeaderPolicy(props));
}

describe("SecurityHeaderPolicy", () => {
  test("puts HSTS first, with the constructs' default value", () => {
    const [first] = Object.entries(new SecurityHeaderPolicy().headers);
    expect(first).toEqual(["Strict-Transport-Security", "max-age=31536000; includeSubDomains"]);
  });

  test("sends the headers OWASP recommends for JSON APIs by default", () => {
    expect(new SecurityHeaderPolicy().headers).toEqual({
      "Strict-Transport-Security": "max-age=31536000; includeSubDomains",
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "no-store",
      "Content-Security-Policy": "frame-ancestors 'none'",
      "X-Frame-Options": "DENY",
      "Referrer-Policy": "no-referrer",
    });
  });

  test("keeps the defaults as data the tests can read", () => {
    expect(OWASP_API_HEADER_DEFAULTS).toEqual({
      contentTypeOptions: true,
      cacheControl: "no-store",
      contentSecurityPolicy: "frame-ancestors 'none'",
      frameOptions: "DENY",
      referrerPolicy: "no-referrer",
    });
  });

  test.each<[keyof SecurityHeaderPolicyProps, string]>([
    ["contentTypeOptions", "X-Content-Type-Options"],
    ["cacheControl", "Cache-Control"],
    ["contentSecurityPolicy", "Content-Security-Policy"],
    ["frameOptions", "X-Frame-Options"],
    ["referrerPolicy", "Referrer-Policy"],
  ])("leaves %s out when it is false", (option, header) => {
    const headers = new SecurityHeaderPolicy({ [option]: false }).headers;
    expect(headers).not.toHaveProperty(header);
    expect(headers).toHaveProperty("Strict-Transport-Security");
  });

  test("takes configured values", () => {
    const headers = new SecurityHeaderPolicy({
      cacheControl: "no-cache, private",
      contentSecurityPolicy: "default-src 'none'; frame-ancestors 'none'",
      frameOptions: "SAMEORIGIN",
      referrerPolicy: "strict-origin",
    }).headers;
    expect(headers["Cache-Control"]).toBe("no-cache, private");
    expect(headers["Content-Security-Policy"]).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(headers["X-Frame-Options"]).toBe("SAMEORIGIN");
    expect(headers["Referrer-Policy"]).toBe("strict-origin");
  });

  test("renders static gateway-response parameters as single-quoted values", () => {
    const policy = new SecurityHeaderPolicy({ hsts: { preload: true }, contentTypeOptions: true, cacheControl: false, contentSecurityPolicy: false, frameOptions: false, referrerPolicy: false });
    expect(policy.toGatewayResponseParameters()).toEqual({
      "gatewayresponse.header.Strict-Transport-Security": "'max-age=31536000; includeSubDomains; preload'",
      "gatewayresponse.header.X-Content-Type-Options": "'nosniff'",
    });
  });

  test("hands the backend exactly the same header set as JSON", () => {
    const policy = new SecurityHeaderPolicy({ additionalHeaders: { "Permissions-Policy": "geolocation=()" } });
    expect(JSON.parse(policy.toJson())).toEqual(policy.headers);
  });

  test("adds the CORS response headers to every response, and the preflight headers apart", () => {
    const policy = new SecurityHeaderPolicy({
      cors: { allowOrigin: "https://app.example.com", allowHeaders: ["x-custom-auth"], allowMethods: ["GET", "OPTIONS"], maxAgeSeconds: 300, exposeHeaders: ["x-amzn-errortype"], allowCredentials: true },
    });
    expect(policy.headers).toMatchObject({
      "Access-Control-Allow-Origin": "https://app.example.com",
      "Access-Control-Expose-Headers": "x-amzn-errortype",
      "Access-Control-Allow-Credentials": "true",
    });
    expect(policy.headers).not.toHaveProperty("Access-Control-Allow-Methods");
    expect(policy.preflightHeaders).toEqual({
      "Access-Control-Allow-Methods": "GET,OPTIONS",
      "Access-Control-Allow-Headers": "x-custom-auth",
      "Access-Control-Max-Age": "300",
    });
  });

  test("has no CORS headers and no preflight without CORS options", () => {
    const policy = new SecurityHeaderPolicy();
    expect(Object.keys(policy.headers).filter((name) => name.startsWith("Access-Control-"))).toEqual([]);
    expect(policy.preflightHeaders).toBeUndefined();
  });

  test("takes single quotes inside a value as they are: API Gateway has no escape for them", () => {
    const policy = new SecurityHeaderPolicy({ additionalHeaders: { "X-Note": "it's 'quoted'" } });
    expect(policy.headers["X-Note"]).toBe("it's 'quoted'");
    expect(policy.toGatewayResponseParameters()["gatewayresponse.header.X-Note"]).toBe("'it's 'quoted''");
  });

  test("writes the default Content-Security-Policy into its literal with the keyword quotes unescaped", () => {
    expect(new SecurityHeaderPolicy().toGatewayResponseParameters()["gatewayresponse.header.Content-Security-Policy"]).toBe("'frame-ancestors 'none''");
  });

  test.each([
    ["a newline", "a\nb"],
    ["a carriage return", "a\rb"],
    ["a leading space", " x"],
    ["non-ASCII text", "café"],
    ["an empty value", ""],
    ["a tab", "a\tb"],
    ["a trailing space", "x "],
  ])("rejects a header value with %s, naming the header", (_what, value) => {
    expect(problemsOf({ additionalHeaders: { "X-Test": value } })).toEqual([
      `property 'securityHeaders.additionalHeaders["X-Test"]' must be printable ASCII, without newlines or leading/trailing spaces, got ${JSON.stringify(value)}`,
    ]);
  });

  test.each(["X Test", "X-Test:", "", "Ünicode"])("rejects the header name %p as not an HTTP token", (name) => {
    expect(problemsOf({ additionalHeaders: { [name]: "v" } })).toEqual([
      `property 'securityHeaders.additionalHeaders name' must be an HTTP header name (letters, digits and !#$%&'*+-.^_\`|~), got ${JSON.stringify(name)}`,
    ]);
  });

  test.each(["strict-transport-security", "CACHE-CONTROL", "Access-Control-Allow-Origin"])(
    "rejects %s among the additional headers: it has its own option",
    (name) => {
      expect(problemsOf({ additionalHeaders: { [name]: "x" } })).toEqual([expect.stringContaining(`must not repeat the header ${JSON.stringify(name)}`)]);
    },
  );

  test.each(["frame-ancestors 'none", "default-src 'self' 'x y'", "a\nb", "it's"])(
    "rejects the Content-Security-Policy %p: quotes only around keywords",
    (contentSecurityPolicy) => {
      expect(problemsOf({ contentSecurityPolicy })).toEqual([
        `property 'securityHeaders.contentSecurityPolicy' must be a Content-Security-Policy of printable ASCII, with single quotes only around keywords such as 'none', got ${JSON.stringify(contentSecurityPolicy)}`,
      ]);
    },
  );

  test("rejects an X-Frame-Options value other than DENY or SAMEORIGIN", () => {
    expect(problemsOf({ frameOptions: "ALLOW-FROM https://x" })).toEqual([
      "property 'securityHeaders.frameOptions' must be DENY or SAMEORIGIN or false, got \"ALLOW-FROM https://x\"",
    ]);
  });

  test("rejects an unknown Referrer-Policy", () => {
    expect(problemsOf({ referrerPolicy: "never" })).toEqual([expect.stringMatching(/^property 'securityHeaders.referrerPolicy' must be one of no-referrer, .* or false, got "never"$/)]);
  });

  test.each<[string, unknown]>([
    ["0, which would drop nosniff", 0],
    ["the string \"false\"", "false"],
    ["null", null],
  ])("refuses a contentTypeOptions of %s: only true or false", (_what, contentTypeOptions) => {
    expect(problemsOf({ contentTypeOptions } as unknown as SecurityHeaderPolicyProps)).toEqual([
      `property 'securityHeaders.contentTypeOptions' must be true or false, got ${JSON.stringify(contentTypeOptions)}`,
    ]);
  });

  test("sends nosniff when contentTypeOptions is true", () => {
    expect(new SecurityHeaderPolicy({ contentTypeOptions: true }).headers["X-Content-Type-Options"]).toBe("nosniff");
  });

  test.each<[string, unknown]>([
    ["a string, whose characters would become headers named 0, 1, …", "ab"],
    ["a list", ["X-A: 1"]],
    ["a number", 5],
  ])("refuses additionalHeaders as %s", (_what, additionalHeaders) => {
    expect(problemsOf({ additionalHeaders } as unknown as SecurityHeaderPolicyProps)).toEqual([
      `property 'securityHeaders.additionalHeaders' must be an object of header name to value, got ${JSON.stringify(additionalHeaders)}`,
    ]);
  });

  test("refuses two additional headers that differ only in case: HTTP names are case-insensitive", () => {
    expect(problemsOf({ additionalHeaders: { "X-Note": "a", "x-note": "b" } })).toEqual([
      'property \'securityHeaders.additionalHeaders\' must not repeat the header "x-note" (names are case-insensitive; configure it through its own option)',
    ]);
  });

  test("sends additional headers after its own, with their names as given", () => {
    const headers = new SecurityHeaderPolicy({ additionalHeaders: { "Permissions-Policy": "geolocation=()", "X-Note": "a" } }).headers;
    expect(Object.entries(headers).slice(-2)).toEqual([["Permissions-Policy", "geolocation=()"], ["X-Note", "a"]]);
  });

  test.each<[keyof SecurityHeaderPolicyProps, unknown]>([
    ["cacheControl", 5],
    ["contentSecurityPolicy", true],
    ["frameOptions", "deny"],
    ["referrerPolicy", 0],
  ])("refuses %s of the wrong type, naming it", (option, value) => {
    expect(problemsOf({ [option]: value } as unknown as SecurityHeaderPolicyProps)).toEqual([expect.stringMatching(new RegExp(`^property 'securityHeaders\\.${option}' must be .*, got ${JSON.stringify(value)}$`))]);
  });

  test("names the field given by the caller in every message", () => {
    expect(configProblems(() => new SecurityHeaderPolicy({ frameOptions: "x", hsts: { maxAgeSeconds: -1 } }, "headers"))).toEqual([
      expect.stringMatching(/^property 'headers\.hsts\.maxAgeSeconds' /),
      expect.stringMatching(/^property 'headers\.frameOptions' /),
    ]);
  });

  test("refuses CORS options through the same policy, under its field", () => {
    expect(problemsOf({ cors: { allowOrigin: "nope" } })).toEqual([expect.stringMatching(/^property 'securityHeaders\.cors\.allowOrigin' /)]);
  });

  test("freezes its headers, so nothing downstream can change what every response sends", () => {
    const policy = new SecurityHeaderPolicy({ cors: { allowOrigin: "*" } });
    expect(Object.isFrozen(policy.headers)).toBe(true);
    expect(Object.isFrozen(policy.preflightHeaders)).toBe(true);
  });

  test.each([
    "Strict-Transport-Security",
    "X-Content-Type-Options",
    "Cache-Control",
    "Content-Security-Policy",
    "X-Frame-Options",
    "Referrer-Policy",
    "Access-Control-Allow-Origin",
    "Access-Control-Allow-Credentials",
    "Access-Control-Expose-Headers",
    "Access-Control-Allow-Methods",
    "Access-Control-Allow-Headers",
    "Access-Control-Max-Age",
  ])("refuses %s among the additional headers, so no option can be overridden behind its validation", (name) => {
    expect(problemsOf({ additionalHeaders: { [name.toLowerCase()]: "x" } })).toEqual([
      `property 'securityHeaders.additionalHeaders' must not repeat the header ${JSON.stringify(name.toLowerCase())} (names are case-insensitive; configure it through its own option)`,
    ]);
  });

  test("refuses a lower-case additional header followed by its capitalised twin", () => {
    expect(problemsOf({ additionalHeaders: { "x-note": "a", "X-Note": "b" } })).toEqual([expect.stringContaining('must not repeat the header "X-Note"')]);
  });

  test.each(["no-referrer", "no-referrer-when-downgrade", "origin", "origin-when-cross-origin", "same-origin", "strict-origin", "strict-origin-when-cross-origin", "unsafe-url"])(
    "accepts the Referrer-Policy %s and sends it",
    (referrerPolicy) => {
      expect(new SecurityHeaderPolicy({ referrerPolicy }).headers["Referrer-Policy"]).toBe(referrerPolicy);
    },
  );

  test.each(["DENY", "SAMEORIGIN"])("accepts the X-Frame-Options %s and sends it", (frameOptions) => {
    expect(new SecurityHeaderPolicy({ frameOptions }).headers["X-Frame-Options"]).toBe(frameOptions);
  });

  test("reports every problem at once", () => {
    expect(problemsOf({ hsts: { preload: true, includeSubDomains: false, maxAgeSeconds: 10 }, additionalHeaders: { "X-A": "a\nb" } })).toHaveLength(3);
  });
});
