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
