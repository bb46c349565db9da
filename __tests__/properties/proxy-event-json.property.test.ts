import * as fc from "fast-check";
import { proxyEvent, RequestFacts, AuthorizerFacts } from "../../src/local-gateway/lambda/lambda-events";
import { proxyEventJson } from "../../src/local-gateway/lambda/proxy-event-json";
import { parseIncomingRequest } from "../../src/local-gateway/parse/incoming-request";
import type { ResourceModel, StageModel } from "../../src/local-gateway/stack/stack-model";

// What proxyEventJson promises: the function receives the same event as from JSON.stringify(proxyEvent(…)).
// The function's side parses the text, so "the same" is JSON.parse of both being equal, in key order too.

/** Header names as a client may send them: tokens, repeated in other casings, ones AWS rewrites or drops. */
const headerName = fc.oneof(
  fc.stringMatching(/^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,12}$/),
  fc.constantFrom("authorization", "Authorization", "user-agent", "User-Agent", "content-length", "connection", "x-forwarded-for", "X-Forwarded-Proto", "x-amzn-trace-id", "__proto__", "constructor", "1", "0", "x-custom-auth", "X-CUSTOM-AUTH", "content-type"),
);
/** Values an HTTP/1.1 header can carry: visible ASCII, spaces, tabs, obs-text (Latin-1), quotes, backslashes. */
const headerValue = fc.oneof(fc.stringMatching(/^[\t\x20-\x7e\x80-\xff]{0,20}$/), fc.constantFrom('"quoted"', "back\\slash", "café", "", "allow"));
const queryPart = fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom("__proto__", "a b", "ü", "%", "&", "=", "1", "\u2028"));
const mapOf = fc.dictionary(fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom("__proto__", "1", "a\"b")), fc.string({ maxLength: 10 }), { maxKeys: 3 });

const requestCase = fc.record({
  method: fc.constantFrom("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"),
  path: fc.constantFrom("/prod/items", "/prod/items/", "/prod//items", "/prod/items/%E2%9C%93", "/prod/a%2Fb"),
  query: fc.array(fc.tuple(queryPart, queryPart), { maxLength: 4 }),
  headers: fc.array(fc.tuple(headerName, headerValue), { maxLength: 8 }),
  body: fc.oneof(fc.constant(""), fc.string({ maxLength: 30 }), fc.constant("{\"a\":\"\\u0000\"}")),
  binaryMediaTypes: fc.constantFrom([], ["application/octet-stream"], ["*/*"]),
  pathParameters: mapOf,
  stageVariables: mapOf,
  authorizer: fc.option(
    fc.record({
      principalId: fc.string({ maxLength: 10 }),
      integrationLatency: fc.nat(3000),
      context: fc.dictionary(fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom("__proto__", "principalId", "integrationLatency", "7")), fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), fc.double({ noNaN: true }), fc.boolean()), { maxKeys: 4 }),
    }),
    { nil: undefined },
  ),
  userAgent: fc.option(fc.constantFrom("curl/8.5.0", "Mozilla/5.0 \"x\""), { nil: undefined }),
});

type RequestCase = typeof requestCase extends fc.Arbitrary<infer T> ? T : never;

function factsOf(input: RequestCase): RequestFacts {
  const query = input.query.map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`).join("&");
  const rawHeaders = ["Host", "abc.example.com:3000", ...input.headers.flat(), ...(input.userAgent === undefined ? [] : ["User-Agent", input.userAgent]), ...(input.body === "" ? [] : ["Content-Type", "application/octet-stream"])];
  const request = parseIncomingRequest({
    method: input.method,
    url: query === "" ? input.path : `${input.path}?${query}`,
    rawHeaders,
    body: Buffer.from(input.body, "utf8"),
    bodyTooLarge: false,
    remoteAddress: "10.1.2.3",
    httpVersion: "1.1",
    receivedAt: 1795667626385,
  });
  const resource: ResourceModel = { address: "aws_api_gateway_resource.items", pathPart: "items", path: "/items", children: [], methods: new Map() };
  const stage: StageModel = { name: "prod", variables: input.stageVariables, deploymentId: "dep123", tracingEnabled: false };
  return {
    request,
    stage,
    resource,
    pathParameters: input.pathParameters,
    requestId: "c6af9ac6-7b61-11e6-9a41-93e8deadbeef",
    extendedRequestId: "zHWAA3oMY2Fd6co=",
    apiId: "abcdefghij",
    accountId: "123456789012",
    domainName: "abc.example.com:3000",
    traceId: "Root=1-6b07b6aa-34e64968ce80a772509df89f",
  };
}

describe("proxy event written straight to JSON", () => {
  it("gives the function exactly the event the object form gives, for any request, authorizer context and stage", () => {
    fc.assert(
      fc.property(requestCase, (input) => {
        const facts = factsOf(input);
        const authorizer: AuthorizerFacts | undefined = input.authorizer;
        const text = proxyEventJson(facts, input.binaryMediaTypes, authorizer);
        const expected = JSON.stringify(proxyEvent(facts, input.binaryMediaTypes, authorizer));
        expect(JSON.stringify(JSON.parse(text))).toBe(expected);
      }),
      { numRuns: 400 },
    );
  });

  it("is valid JSON whose body, headers and credentials are the request's own, escapes included", () => {
    const facts = factsOf({
      method: "POST",
      path: "/prod/items",
      query: [["q", 'x"y\\z']],
      headers: [["x-custom-auth", "allow"], ["X-Note", 'say "hi" \\ bye']],
      body: 'line\n"two"\u2028',
      binaryMediaTypes: [],
      pathParameters: {},
      stageVariables: {},
      authorizer: undefined,
      userAgent: undefined,
    });
    const event = JSON.parse(proxyEventJson(facts, [])) as { headers: Record<string, string>; body: string; queryStringParameters: Record<string, string>; requestContext: { identity: { userAgent: unknown } } };
    expect(event.headers["x-custom-auth"]).toBe("allow");
    expect(event.headers["X-Note"]).toBe('say "hi" \\ bye');
    expect(event.queryStringParameters.q).toBe('x"y\\z');
    expect(event.body).toBe('line\n"two"\u2028');
    expect(event.requestContext.identity.userAgent).toBeNull();
  });

  it("keeps a header, parameter or context key named __proto__ as data, as the object form does", () => {
    const facts = factsOf({
      method: "GET",
      path: "/prod/items",
      query: [["__proto__", "q"]],
      headers: [["__proto__", "h"]],
      body: "",
      binaryMediaTypes: [],
      pathParameters: { ["__proto__"]: "p" },
      stageVariables: {},
      authorizer: { principalId: "me", integrationLatency: 0, context: JSON.parse('{"__proto__":"c"}') as Record<string, string> },
      userAgent: undefined,
    });
    const event = JSON.parse(proxyEventJson(facts, [], { principalId: "me", integrationLatency: 0, context: JSON.parse('{"__proto__":"c"}') as Record<string, string> })) as Record<string, Record<string, unknown>>;
    const own = (object: unknown): unknown => Object.getOwnPropertyDescriptor(object, "__proto__")?.value;
    expect(own(event.headers)).toBe("h");
    expect(own(event.queryStringParameters)).toBe("q");
    expect(own(event.pathParameters)).toBe("p");
    expect(own((event.requestContext as Record<string, unknown>).authorizer)).toBe("c");
    expect(Object.getPrototypeOf(event.headers)).toBe(Object.prototype);
  });

  it("reuses a stage's fixed text only while the stage is the same: another stage's variables and deployment show", () => {
    const base = factsOf({ method: "GET", path: "/prod/items", query: [], headers: [], body: "", binaryMediaTypes: [], pathParameters: {}, stageVariables: { v: "1" }, authorizer: undefined, userAgent: undefined });
    const other: RequestFacts = { ...base, stage: { name: "dev", variables: { v: "2" }, deploymentId: "dep999", tracingEnabled: false } };
    const first = JSON.parse(proxyEventJson(base, [])) as { stageVariables: unknown; requestContext: { stage: string; deploymentId: string } };
    const second = JSON.parse(proxyEventJson(other, [])) as { stageVariables: unknown; requestContext: { stage: string; deploymentId: string } };
    expect(first.stageVariables).toEqual({ v: "1" });
    expect(second.stageVariables).toEqual({ v: "2" });
    expect(second.requestContext.stage).toBe("dev");
    expect(second.requestContext.deploymentId).toBe("dep999");
  });
});
