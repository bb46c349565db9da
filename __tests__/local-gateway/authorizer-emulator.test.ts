import { AuthorizerCache } from "../../src/local-gateway/authorizer/authorizer-cache";
import { AuthorizerEmulator, Invoker } from "../../src/local-gateway/authorizer/authorizer-emulator";
import { parseIncomingRequest } from "../../src/local-gateway/parse/incoming-request";
import type { RequestFacts } from "../../src/local-gateway/lambda/lambda-events";
import type { InvokeOutcome } from "../../src/local-gateway/lambda/lambda-runner";
import type { AuthorizerModel } from "../../src/local-gateway/stack/stack-model";

const METHOD_ARN = "arn:aws:execute-api:eu-west-1:123456789012:abcdefghij/prod/GET/items";

function allow(resource: string, context: Record<string, unknown> = {}): InvokeOutcome {
  return {
    kind: "result",
    payload: { principalId: "p1", policyDocument: { Statement: [{ Action: "execute-api:Invoke", Effect: "Allow", Resource: resource }] }, context },
  };
}

/** An invoker that answers with `next` and records the events it received. */
class FakeInvoker implements Invoker {
  readonly events: Record<string, unknown>[] = [];
  next: InvokeOutcome = allow("*");

  invoke(_address: string, event: unknown): Promise<InvokeOutcome> {
    this.events.push(event as Record<string, unknown>);
    return Promise.resolve(this.next);
  }
}

const authorizer = (overrides: Partial<AuthorizerModel> = {}): AuthorizerModel => ({
  address: "aws_api_gateway_authorizer.a",
  name: "a",
  type: "REQUEST",
  functionAddress: "aws_lambda_function.f",
  identitySources: [{ kind: "header", name: "X-Key" }, { kind: "querystring", name: "tenant" }],
  ttlSeconds: 60,
  ...overrides,
});

function facts(url: string, headers: string[] = []): RequestFacts {
  const request = parseIncomingRequest({
    method: "GET",
    url,
    rawHeaders: headers,
    body: Buffer.alloc(0),
    bodyTooLarge: false,
    remoteAddress: "127.0.0.1",
    httpVersion: "1.1",
    receivedAt: 0,
  });
  const resource = { address: "r", pathPart: "items", path: "/items", children: [], methods: new Map() };
  return { request, stage: { name: "prod", variables: {}, deploymentId: "dep123", tracingEnabled: false }, resource, pathParameters: {}, requestId: "req", extendedRequestId: "ext", apiId: "abcdefghij", accountId: "123456789012", domainName: "localhost", traceId: "Root=1-00000000-000000000000000000000000" };
}

const noContext = { get: () => undefined };

describe("AuthorizerEmulator", () => {
  let clock: number;
  let invoker: FakeInvoker;
  let emulator: AuthorizerEmulator;

  beforeEach(() => {
    clock = 1_000_000;
    invoker = new FakeInvoker();
    emulator = new AuthorizerEmulator(invoker, new AuthorizerCache(() => clock), () => clock);
  });

  test("a cached result is answered at once, without a promise for the authorize step to await; nothing is cached before the first decision, nor with a TTL of 0", async () => {
    const identity = { values: ["k", "t1"], cacheKey: "a\u0000k" };
    expect(emulator.cached(authorizer(), identity, METHOD_ARN)).toBeUndefined();
    await emulator.decide(authorizer(), identity, facts("/prod/items?tenant=t1", ["X-Key", "k"]), METHOD_ARN);
    expect(emulator.cached(authorizer(), identity, METHOD_ARN)).toMatchObject({ kind: "allow", via: "cache", authorizer: { principalId: "p1", integrationLatency: 0 } });
    expect(invoker.events).toHaveLength(1);
    const uncached = authorizer({ ttlSeconds: 0 });
    await emulator.decide(uncached, identity, facts("/prod/items?tenant=t1", ["X-Key", "k"]), METHOD_ARN);
    expect(emulator.cached(uncached, identity, METHOD_ARN)).toBeUndefined();
    // An expired entry is not answered either.
    clock += 61_000;
    expect(emulator.cached(authorizer(), identity, METHOD_ARN)).toBeUndefined();
  });

  test("with caching on, every identity source must be present: a missing one is 401 and the Lambda is not invoked", async () => {
    const outcome = await emulator.authorize(authorizer(), facts("/prod/items", ["X-Key", "k"]), METHOD_ARN, noContext);
    expect(outcome).toMatchObject({ kind: "reject", via: "identity-source", error: { type: "UNAUTHORIZED", message: "Unauthorized" } });
    expect(invoker.events).toHaveLength(0);
  });

  test("a REQUEST event carries the method ARN, headers, query and request context", async () => {
    await emulator.authorize(authorizer(), facts("/prod/items?tenant=t1", ["X-Key", "k"]), METHOD_ARN, noContext);
    const [event] = invoker.events;
    expect(event.type).toBe("REQUEST");
    expect(event.methodArn).toBe(METHOD_ARN);
    expect(event.headers).toEqual({
      "X-Key": "k",
      "X-Forwarded-For": "127.0.0.1",
      "X-Forwarded-Port": "443",
      "X-Forwarded-Proto": "https",
      "X-Amzn-Trace-Id": "Root=1-00000000-000000000000000000000000",
    });
    expect(event.queryStringParameters).toEqual({ tenant: "t1" });
    expect(event.resource).toBe("/items");
    expect((event.requestContext as Record<string, unknown>).requestId).toBe("req");
    expect((event.requestContext as Record<string, unknown>).authorizer).toBeUndefined();
  });

  test("results are cached by all identity values together until the TTL ends", async () => {
    const request = facts("/prod/items?tenant=t1", ["X-Key", "k"]);
    expect((await emulator.authorize(authorizer(), request, METHOD_ARN, noContext)).via).toBe("lambda");
    clock += 59_999;
    expect((await emulator.authorize(authorizer(), request, METHOD_ARN, noContext)).via).toBe("cache");
    expect((await emulator.authorize(authorizer(), facts("/prod/items?tenant=t2", ["X-Key", "k"]), METHOD_ARN, noContext)).via).toBe("lambda");
    clock += 1;
    expect((await emulator.authorize(authorizer(), request, METHOD_ARN, noContext)).via).toBe("lambda");
    expect(invoker.events).toHaveLength(3);
  });

  test("a REQUEST decision made on a repeated identity header is cached under all its values, never under the last alone", async () => {
    invoker.next = { kind: "result", payload: { principalId: "p", policyDocument: { Statement: [{ Action: "execute-api:Invoke", Effect: "Deny", Resource: "*" }] } } };
    expect(await emulator.authorize(authorizer(), facts("/prod/items?tenant=t", ["X-Key", "wrong", "x-key", "right"]), METHOD_ARN, noContext)).toMatchObject({ kind: "reject", via: "lambda" });
    invoker.next = allow("*");
    expect(await emulator.authorize(authorizer(), facts("/prod/items?tenant=t", ["X-Key", "right"]), METHOD_ARN, noContext)).toMatchObject({ kind: "allow", via: "lambda" });
    expect(await emulator.authorize(authorizer(), facts("/prod/items?tenant=t&tenant=t", ["X-Key", "right"]), METHOD_ARN, noContext)).toMatchObject({ kind: "allow", via: "lambda" });
  });

  test("the identity check reads the last value of a repeated header: an empty last value is 401 before the Lambda", async () => {
    const outcome = await emulator.authorize(authorizer(), facts("/prod/items?tenant=t", ["X-Key", "k", "x-key", ""]), METHOD_ARN, noContext);
    expect(outcome).toMatchObject({ kind: "reject", via: "identity-source", error: { type: "UNAUTHORIZED" } });
    expect(invoker.events).toHaveLength(0);
  });

  test("a header named __proto__ reaches the event as data", async () => {
    await emulator.authorize(authorizer({ ttlSeconds: 0 }), facts("/prod/items?__proto__=q", ["__proto__", "h"]), METHOD_ARN, noContext);
    const [event] = invoker.events;
    expect(Object.entries(event.headers as object)).toContainEqual(["__proto__", "h"]);
    // An own property, not the object's prototype: neither replaced nor polluted.
    expect(Object.getPrototypeOf(event.headers)).toBe(Object.prototype);
    expect(Object.entries(event.multiValueQueryStringParameters as object)).toEqual([["__proto__", ["q"]]]);
    // And so it reaches the function: the event crosses to its thread as JSON text.
    expect(JSON.parse(JSON.stringify(event)).headers).toEqual(expect.objectContaining({ ["__proto__"]: "h" }));
  });

  test("a cached policy is evaluated against each request's own method ARN", async () => {
    invoker.next = allow(METHOD_ARN);
    const request = facts("/prod/items?tenant=t1", ["X-Key", "k"]);
    expect((await emulator.authorize(authorizer(), request, METHOD_ARN, noContext)).kind).toBe("allow");
    const other = await emulator.authorize(authorizer(), request, METHOD_ARN.replace("GET", "DELETE"), noContext);
    expect(other).toMatchObject({ kind: "reject", via: "cache", error: { type: "ACCESS_DENIED", message: "User is not authorized to access this resource" } });
  });

  test("'Unauthorized' is a 401 and is not cached; any other error is AUTHORIZER_CONFIGURATION_ERROR", async () => {
    const request = facts("/prod/items?tenant=t1", ["X-Key", "k"]);
    invoker.next = { kind: "error", errorType: "Error", errorMessage: "Unauthorized" };
    expect(await emulator.authorize(authorizer(), request, METHOD_ARN, noContext)).toMatchObject({ kind: "reject", error: { type: "UNAUTHORIZED" } });
    invoker.next = { kind: "error", errorType: "TypeError", errorMessage: "unauthorized" };
    expect(await emulator.authorize(authorizer(), request, METHOD_ARN, noContext)).toMatchObject({
      kind: "reject",
      via: "lambda",
      error: { type: "AUTHORIZER_CONFIGURATION_ERROR", message: null },
      detail: "the authorizer failed: TypeError: unauthorized",
    });
    expect(invoker.events).toHaveLength(2);
  });

  test("an Allow passes principalId, context and the authorizer's latency on", async () => {
    invoker.next = allow("*", { role: "admin", level: 2 });
    const outcome = await emulator.authorize(authorizer(), facts("/prod/items?tenant=t", ["X-Key", "k"]), METHOD_ARN, noContext);
    expect(outcome).toEqual({ kind: "allow", via: "lambda", authorizer: { principalId: "p1", context: { role: "admin", level: 2 }, integrationLatency: 0 } });
  });

  test("with a TTL of 0 nothing is pre-checked or cached", async () => {
    const uncached = authorizer({ ttlSeconds: 0 });
    await emulator.authorize(uncached, facts("/prod/items"), METHOD_ARN, noContext);
    await emulator.authorize(uncached, facts("/prod/items"), METHOD_ARN, noContext);
    expect(invoker.events).toHaveLength(2);
  });

  test("a TOKEN authorizer gets only the token and the method ARN, after the validation expression passes", async () => {
    const token = authorizer({ type: "TOKEN", identitySources: [{ kind: "header", name: "Authorization" }], identityValidationExpression: /^(?:Bearer .+)$/ });
    expect(await emulator.authorize(token, facts("/prod/items", ["authorization", "Basic x"]), METHOD_ARN, noContext)).toMatchObject({ via: "identity-source" });
    await emulator.authorize(token, facts("/prod/items", ["authorization", "Bearer t"]), METHOD_ARN, noContext);
    expect(invoker.events).toEqual([{ type: "TOKEN", authorizationToken: "Bearer t", methodArn: METHOD_ARN }]);
  });
});
