import { corsPreflightHeaders, corsProblems, corsResponseHeaders } from "../../src/security-headers/cors";

describe("CORS options", () => {
  test("default the preflight to GET and OPTIONS, Content-Type, and ten minutes", () => {
    expect(corsPreflightHeaders({ allowOrigin: "*" })).toEqual({
      "Access-Control-Allow-Methods": "GET,OPTIONS",
      "Access-Control-Allow-Headers": "Content-Type",
      "Access-Control-Max-Age": "600",
    });
  });

  test("give every response only the origin by default", () => {
    expect(corsResponseHeaders({ allowOrigin: "https://app.example.com" })).toEqual({ "Access-Control-Allow-Origin": "https://app.example.com" });
  });

  test.each<[string, unknown, string]>([
    ["an object", "https://a.example", "property 'cors' must be an object {allowOrigin, allowHeaders?, allowMethods?, maxAgeSeconds?, exposeHeaders?, allowCredentials?}, got \"https://a.example\""],
    ["one origin, not a list", { allowOrigin: "https://a.example https://b.example" }, "property 'cors.allowOrigin' must be '*' or one origin such as https://app.example.com (scheme, lower-case host, optional port, no path), got \"https://a.example https://b.example\""],
    ["an origin without a path", { allowOrigin: "https://a.example/app" }, "property 'cors.allowOrigin' must be '*' or one origin such as https://app.example.com (scheme, lower-case host, optional port, no path), got \"https://a.example/app\""],
    ["header names that are tokens", { allowOrigin: "*", allowHeaders: ["x auth"] }, "property 'cors.allowHeaders[0]' must be an HTTP header name (letters, digits and !#$%&'*+-.^_`|~), got \"x auth\""],
    ["known methods", { allowOrigin: "*", allowMethods: ["FETCH"] }, "property 'cors.allowMethods' must be a non-empty list of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS, got [\"FETCH\"]"],
    ["a max-age within a day", { allowOrigin: "*", maxAgeSeconds: 90000 }, "property 'cors.maxAgeSeconds' must be a whole number from 0 to 86400, got 90000"],
    ["no credentials with any origin", { allowOrigin: "*", allowCredentials: true }, "property 'cors.allowCredentials' cannot be true with allowOrigin '*' (browsers refuse it); name one origin"],
    ["known keys", { allowOrigin: "*", origins: [] }, "property 'cors.origins' is not known; allowed: allowOrigin, allowHeaders, allowMethods, maxAgeSeconds, exposeHeaders, allowCredentials"],
  ])("demand %s", (_rule, cors, message) => {
    expect(corsProblems(cors)).toEqual([message]);
  });
});

describe("CORS origins", () => {
  test.each(["https://app.example.com", "https://app.example.com:8443", "http://localhost:3000", "http://127.0.0.1:8080", "*"])(
    "accept %p: one origin, with a port or over plain http for local development",
    (allowOrigin) => {
      expect(corsProblems({ allowOrigin })).toEqual([]);
    },
  );

  test.each(["https://App.example.com", "ftp://app.example.com", "https://app.example.com:123456", "app.example.com", "https://", "https://a.example/", " https://a.example", "null", 5, undefined, ["https://a.example"]])(
    "refuse %p: a browser compares the origin byte for byte, so anything but scheme://lower-case-host[:port] never matches",
    (allowOrigin) => {
      expect(corsProblems({ allowOrigin })).toEqual([expect.stringMatching(/^property 'cors\.allowOrigin' must be '\*' or one origin/)]);
    },
  );
});

describe("CORS header and method lists", () => {
  test("accept several entries and send them comma-separated, in order", () => {
    const cors = { allowOrigin: "https://a.example", allowHeaders: ["x-custom-auth", "Content-Type"], allowMethods: ["GET", "POST", "OPTIONS"], exposeHeaders: ["x-amzn-errortype", "x-amzn-requestid"] };
    expect(corsProblems(cors)).toEqual([]);
    expect(corsPreflightHeaders(cors)).toMatchObject({ "Access-Control-Allow-Methods": "GET,POST,OPTIONS", "Access-Control-Allow-Headers": "x-custom-auth,Content-Type" });
    expect(corsResponseHeaders(cors)).toEqual({ "Access-Control-Allow-Origin": "https://a.example", "Access-Control-Expose-Headers": "x-amzn-errortype,x-amzn-requestid" });
  });

  test.each(["allowHeaders", "exposeHeaders"])("check every entry of %s, naming the bad one by its index", (list) => {
    expect(corsProblems({ allowOrigin: "*", [list]: ["x-good", "x bad", "x-fine", "y:bad"] })).toEqual([
      `property 'cors.${list}[1]' must be an HTTP header name (letters, digits and !#$%&'*+-.^_\`|~), got "x bad"`,
      `property 'cors.${list}[3]' must be an HTTP header name (letters, digits and !#$%&'*+-.^_\`|~), got "y:bad"`,
    ]);
  });

  test.each<[string, unknown]>([
    ["an empty list", []],
    ["a single string", "Content-Type"],
    ["an object", { 0: "Content-Type" }],
    ["null", null],
  ])("refuse %s as allowHeaders or exposeHeaders: a preflight answer needs a list", (_what, value) => {
    expect(corsProblems({ allowOrigin: "*", allowHeaders: value, exposeHeaders: value })).toEqual([
      `property 'cors.allowHeaders' must be a non-empty list of header names, got ${JSON.stringify(value)}`,
      `property 'cors.exposeHeaders' must be a non-empty list of header names, got ${JSON.stringify(value)}`,
    ]);
  });

  test.each<[string, unknown]>([
    ["an empty list", []],
    ["a single string", "GET"],
    ["a known method beside an unknown one", ["GET", "FETCH"]],
    ["ANY, which is no HTTP method", ["ANY"]],
    ["a lower-case method", ["get"]],
  ])("refuse %s as allowMethods: every entry must be a method a browser can send", (_what, allowMethods) => {
    expect(corsProblems({ allowOrigin: "*", allowMethods })).toEqual([
      `property 'cors.allowMethods' must be a non-empty list of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS, got ${JSON.stringify(allowMethods)}`,
    ]);
  });
});

describe("CORS credentials and max-age", () => {
  test("send Access-Control-Allow-Credentials only when credentials are allowed, for one named origin", () => {
    expect(corsProblems({ allowOrigin: "https://a.example", allowCredentials: true })).toEqual([]);
    expect(corsResponseHeaders({ allowOrigin: "https://a.example", allowCredentials: true })["Access-Control-Allow-Credentials"]).toBe("true");
    expect(corsResponseHeaders({ allowOrigin: "https://a.example", allowCredentials: false })).not.toHaveProperty("Access-Control-Allow-Credentials");
  });

  test("refuse a credentials flag that is not a boolean", () => {
    expect(corsProblems({ allowOrigin: "https://a.example", allowCredentials: "yes" })).toEqual(["property 'cors.allowCredentials' must be true or false, got \"yes\""]);
  });

  test.each([0, 86400])("accept a max-age of %p seconds and send it as given", (maxAgeSeconds) => {
    expect(corsProblems({ allowOrigin: "*", maxAgeSeconds })).toEqual([]);
    expect(corsPreflightHeaders({ allowOrigin: "*", maxAgeSeconds })["Access-Control-Max-Age"]).toBe(String(maxAgeSeconds));
  });

  test.each([-1, 1.5, "600"])("refuse a max-age of %p", (maxAgeSeconds) => {
    expect(corsProblems({ allowOrigin: "*", maxAgeSeconds })).toEqual([`property 'cors.maxAgeSeconds' must be a whole number from 0 to 86400, got ${JSON.stringify(maxAgeSeconds)}`]);
  });

  test("name the field given by the caller in every message", () => {
    expect(corsProblems({ allowOrigin: "x", maxAgeSeconds: -1 }, "securityHeaders.cors")).toEqual([
      expect.stringMatching(/^property 'securityHeaders\.cors\.allowOrigin' /),
      expect.stringMatching(/^property 'securityHeaders\.cors\.maxAgeSeconds' /),
    ]);
  });

  test("report an unknown key and a bad value together", () => {
    expect(corsProblems({ allowOrigin: "x", origin: "*" })).toHaveLength(2);
  });
});

describe("CORS options that are not what they seem", () => {
  test("refuse null as the CORS options, with a message instead of a crash", () => {
    expect(corsProblems(null)).toEqual([
      "property 'cors' must be an object {allowOrigin, allowHeaders?, allowMethods?, maxAgeSeconds?, exposeHeaders?, allowCredentials?}, got null",
    ]);
  });

  test("accept allowCredentials false with any origin: only credentialed access needs a named origin", () => {
    expect(corsProblems({ allowOrigin: "*", allowCredentials: false })).toEqual([]);
  });

  test("refuse a header name given as a number, though it would print as a token", () => {
    expect(corsProblems({ allowOrigin: "*", allowHeaders: [5] })).toEqual([
      "property 'cors.allowHeaders[0]' must be an HTTP header name (letters, digits and !#$%&'*+-.^_`|~), got 5",
    ]);
  });
});
