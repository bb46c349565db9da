import type { StackModel } from "../../../src/local-gateway/stack/stack-model";
import { AWS_PROXY_DOC, ConformanceGateway, conformance, LOCALSTACK_AWS_PROXY, LOCALSTACK_PROXY_PATHS, POWERTOOLS_AUTHORIZER_EVENTS } from "./harness";

// What the functions are given: the proxy event (REST, payload 1.0) and the REQUEST authorizer's event.

type Event = { headers: Record<string, string>; multiValueHeaders: Record<string, string[]>; requestContext: Record<string, unknown> } & Record<string, unknown>;
const AUTHORIZER_INPUT_DOC = "https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-lambda-authorizer-input.html";
const withoutStageVariables = (model: StackModel): StackModel => ({ ...model, stages: model.stages.map((stage) => ({ ...stage, variables: {} })) });

describe("the proxy event", () => {
  conformance("API Gateway adds X-Forwarded-For (the client's chain, then its address), X-Forwarded-Port and X-Forwarded-Proto", AWS_PROXY_DOC, async () => {
    const gateway = new ConformanceGateway();
    await gateway.request("GET", "/v1/open", ["X-Forwarded-For", "198.51.100.1"], { remoteAddress: "203.0.113.7" });
    const event = gateway.lastEvent("edge-echo") as Event;
    expect(event.headers["X-Forwarded-For"]).toBe("198.51.100.1, 203.0.113.7");
    expect(event.headers["X-Forwarded-Port"]).toBe("443");
    expect(event.headers["X-Forwarded-Proto"]).toBe("https");
    expect(event.multiValueHeaders["X-Forwarded-For"]).toEqual(["198.51.100.1, 203.0.113.7"]);
  });

  conformance("API Gateway adds an X-Amzn-Trace-Id, and continues one the client sent; the response carries the same", AWS_PROXY_DOC, async () => {
    const gateway = new ConformanceGateway();
    const fresh = await gateway.request("GET", "/v1/open");
    const generated = (gateway.lastEvent("edge-echo") as Event).headers["X-Amzn-Trace-Id"];
    expect(generated).toMatch(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24}$/);
    expect(fresh.response.headers).toContainEqual(["x-amzn-trace-id", generated]);
    const clientTrace = "Root=1-67891233-abcdef012345678912345678;Sampled=1";
    await gateway.request("GET", "/v1/open", ["X-Amzn-Trace-Id", clientTrace]);
    expect((gateway.lastEvent("edge-echo") as Event).headers["X-Amzn-Trace-Id"]).toBe(clientTrace);
  });

  conformance("the integration gets Authorization and User-Agent capitalised, and no Content-Length or Connection", LOCALSTACK_AWS_PROXY, async () => {
    const gateway = new ConformanceGateway();
    await gateway.request("GET", "/v1/open", ["authorization", "Bearer x", "user-agent", "curl/8", "content-length", "0", "connection", "keep-alive"]);
    const event = gateway.lastEvent("edge-echo") as Event;
    expect(event.headers.Authorization).toBe("Bearer x");
    expect(event.headers["User-Agent"]).toBe("curl/8");
    expect(Object.keys(event.headers).map((name) => name.toLowerCase())).not.toEqual(expect.arrayContaining(["content-length"]));
    expect(Object.keys(event.headers).map((name) => name.toLowerCase())).not.toEqual(expect.arrayContaining(["connection"]));
  });

  conformance("a repeated query parameter: queryStringParameters holds the last value, multiValueQueryStringParameters all", AWS_PROXY_DOC, async () => {
    const gateway = new ConformanceGateway();
    await gateway.request("GET", "/v1/open?multivalueName=you&multivalueName=me");
    const event = gateway.lastEvent("edge-echo");
    expect(event.queryStringParameters).toEqual({ multivalueName: "me" });
    expect(event.multiValueQueryStringParameters).toEqual({ multivalueName: ["you", "me"] });
  });

  conformance("requestContext has every field of AWS's example event, deploymentId included", AWS_PROXY_DOC, async () => {
    const gateway = new ConformanceGateway();
    const reply = await gateway.request("GET", "/v1/open", ["User-Agent", "curl/8"]);
    const context = (gateway.lastEvent("edge-echo") as Event).requestContext;
    expect(Object.keys(context).sort()).toEqual(
      ["accountId", "apiId", "deploymentId", "domainName", "domainPrefix", "extendedRequestId", "httpMethod", "identity", "path", "protocol", "requestId", "requestTime", "requestTimeEpoch", "resourceId", "resourcePath", "stage"].sort(),
    );
    expect(context.deploymentId).toMatch(/^[a-z0-9]{6}$/);
    expect(context.extendedRequestId).toBe(reply.response.headers.find(([name]) => name === "x-amz-apigw-id")?.[1]);
    expect(context.domainPrefix).toBe("abc123");
    expect(context.requestTime).toBe("25/Nov/2026:12:00:00 +0000");
    expect(context.requestTimeEpoch).toBe(Date.UTC(2026, 10, 25, 12, 0, 0));
    expect((context.identity as Record<string, unknown>).sourceIp).toBe("203.0.113.7");
    expect((context.identity as Record<string, unknown>).userAgent).toBe("curl/8");
  });
});

describe("the REQUEST authorizer's event", () => {
  conformance("a header sent twice in two casings: one key (first spelling), the last value in headers, every value in multiValueHeaders", `${AWS_PROXY_DOC} (its example's single-value query map holds the last value; AWS says nothing for headers) and floci-io/floci PR #1806`, async () => {
    const gateway = new ConformanceGateway();
    await gateway.request("GET", "/v1/items", ["X-Token", "first", "x-token", "last"]);
    const event = gateway.lastEvent("edge-request-authorizer") as Event;
    expect(event.headers["X-Token"]).toBe("last");
    expect(event.headers["x-token"]).toBeUndefined();
    expect(event.multiValueHeaders["X-Token"]).toEqual(["first", "last"]);
  });

  conformance("it carries type REQUEST, the method ARN, path, resource, headers, query and requestContext", AUTHORIZER_INPUT_DOC, async () => {
    const gateway = new ConformanceGateway();
    await gateway.request("GET", "/v1/items?q=1", ["X-Token", "t"]);
    const event = gateway.lastEvent("edge-request-authorizer") as Event;
    expect(event.type).toBe("REQUEST");
    expect(event.methodArn).toMatch(/^arn:aws:execute-api:eu-west-1:123456789012:[a-z0-9]{10}\/v1\/GET\/items$/);
    expect(event.path).toBe("/items");
    expect(event.resource).toBe("/items");
    expect(event.queryStringParameters).toEqual({ q: "1" });
    expect(event.requestContext.authorizer).toBeUndefined();
  });

  conformance(
    "no query string, path parameters or stage variables: each map is {} (single- and multi-value query alike), and there is no body",
    `${POWERTOOLS_AUTHORIZER_EVENTS}authorizer-request.json`,
    async () => {
      const gateway = new ConformanceGateway(withoutStageVariables);
      await gateway.request("GET", "/v1/items", ["X-Token", "t", "Content-Length", "0"]);
      const event = gateway.lastEvent("edge-request-authorizer") as Event;
      expect(event.queryStringParameters).toEqual({});
      expect(event.multiValueQueryStringParameters).toEqual({});
      expect(event.pathParameters).toEqual({});
      expect(event.stageVariables).toEqual({});
      expect(Object.keys(event)).not.toContain("body");
      expect(Object.keys(event)).not.toContain("isBase64Encoded");
      // Unlike the proxy integration, the authorizer is given Content-Length.
      expect(event.headers["Content-Length"]).toBe("0");
      expect(Object.keys(event.requestContext).sort()).toEqual(
        ["accountId", "apiId", "deploymentId", "domainName", "domainPrefix", "extendedRequestId", "httpMethod", "identity", "path", "protocol", "requestId", "requestTime", "requestTimeEpoch", "resourceId", "resourcePath", "stage"].sort(),
      );
    },
  );
});

describe("the TOKEN authorizer's event", () => {
  conformance("it is exactly type TOKEN, the method ARN and the token", `${POWERTOOLS_AUTHORIZER_EVENTS}authorizer-token.json`, async () => {
    const gateway = new ConformanceGateway();
    gateway.answer("edge-token-authorizer", () => ({
      kind: "result",
      payload: { principalId: "p", policyDocument: { Statement: [{ Action: "execute-api:Invoke", Effect: "Allow", Resource: "*" }] } },
    }));
    await gateway.request("GET", "/v1/token?q=1", ["Authorization", "Bearer foo"]);
    const event = gateway.lastEvent("edge-token-authorizer");
    expect(Object.keys(event).sort()).toEqual(["authorizationToken", "methodArn", "type"]);
    expect(event.type).toBe("TOKEN");
    expect(event.authorizationToken).toBe("Bearer foo");
    expect(event.methodArn).toMatch(/^arn:aws:execute-api:eu-west-1:123456789012:[a-z0-9]{10}\/v1\/GET\/token$/);
  });
});

describe("the proxy event's absent maps", () => {
  conformance("no query string, path parameters, stage variables or body: each is null", LOCALSTACK_PROXY_PATHS, async () => {
    const gateway = new ConformanceGateway(withoutStageVariables);
    await gateway.request("GET", "/v1/open");
    const event = gateway.lastEvent("edge-echo");
    expect(event.queryStringParameters).toBeNull();
    expect(event.multiValueQueryStringParameters).toBeNull();
    expect(event.pathParameters).toBeNull();
    expect(event.stageVariables).toBeNull();
    expect(event.body).toBeNull();
    expect(event.isBase64Encoded).toBe(false);
  });
});
