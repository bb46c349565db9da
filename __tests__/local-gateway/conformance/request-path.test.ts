import { ConformanceGateway, conformance, LOCALSTACK_EXT_REST_APIS, LOCALSTACK_PROXY_PATHS } from "./harness";

// Repeated and trailing slashes: what the proxy integration and the authorizer are given, and where the
// request is routed.

type Event = { path: string; resource: string; pathParameters: Record<string, string> | null; requestContext: Record<string, unknown> };

async function proxyEventFor(url: string): Promise<Event> {
  const gateway = new ConformanceGateway();
  const reply = await gateway.request("GET", url);
  expect(reply.response.statusCode).toBe(200);
  return gateway.lastEvent("edge-echo") as unknown as Event;
}

describe("paths with repeated or trailing slashes", () => {
  conformance("a trailing slash is kept in path and requestContext.path, and left out of the {proxy+} value", LOCALSTACK_PROXY_PATHS, async () => {
    const event = await proxyEventFor("/v1/files/proxy-value/");
    expect(event.path).toBe("/files/proxy-value/");
    expect(event.requestContext.path).toBe("/v1/files/proxy-value/");
    expect(event.pathParameters).toEqual({ proxy: "proxy-value" });
    expect(event.resource).toBe("/files/{proxy+}");
  });

  conformance("a double slash inside the path is kept everywhere, the {proxy+} value included", LOCALSTACK_PROXY_PATHS, async () => {
    const event = await proxyEventFor("/v1/files/proxy-value//double-slash");
    expect(event.path).toBe("/files/proxy-value//double-slash");
    expect(event.requestContext.path).toBe("/v1/files/proxy-value//double-slash");
    expect(event.pathParameters).toEqual({ proxy: "proxy-value//double-slash" });
  });

  conformance("slashes before the stage count as one, in path and requestContext.path", LOCALSTACK_PROXY_PATHS, async () => {
    const event = await proxyEventFor("//v1/files/proxy-value");
    expect(event.path).toBe("/files/proxy-value");
    expect(event.requestContext.path).toBe("/v1/files/proxy-value");
  });

  conformance("slashes right after the stage count as one in path, but stay in requestContext.path; routing ignores them", LOCALSTACK_PROXY_PATHS, async () => {
    const event = await proxyEventFor("/v1//open");
    expect(event.path).toBe("/open");
    expect(event.requestContext.path).toBe("/v1//open");
    expect(event.resource).toBe("/open");
    expect(event.pathParameters).toBeNull();
  });

  conformance("a {proxy+} value keeps its percent-encoding", LOCALSTACK_PROXY_PATHS, async () => {
    const event = await proxyEventFor("/v1/files/user/test%2Balias@example.com/plus/test+alias@example.com");
    expect(event.pathParameters).toEqual({ proxy: "user/test%2Balias@example.com/plus/test+alias@example.com" });
    expect(event.path).toBe("/files/user/test%2Balias@example.com/plus/test+alias@example.com");
  });

  conformance("the authorizer's methodArn keeps trailing slashes as sent", `${LOCALSTACK_EXT_REST_APIS} (test_lambda_token_authorizer_path_suffixes)`, async () => {
    const gateway = new ConformanceGateway();
    for (const [url, suffix] of [
      ["/v1/items", "/v1/GET/items"],
      ["/v1/items/", "/v1/GET/items/"],
      ["/v1/items//", "/v1/GET/items//"],
      ["/v1/items///", "/v1/GET/items///"],
    ]) {
      expect((await gateway.request("GET", url, ["X-Token", url])).response.statusCode).toBe(200);
      expect(String(gateway.lastEvent("edge-request-authorizer").methodArn)).toMatch(new RegExp(`^arn:aws:execute-api:eu-west-1:123456789012:[a-z0-9]{10}${suffix}$`));
    }
  });

  conformance("the gateway response's $context.path is requestContext.path", LOCALSTACK_PROXY_PATHS, async () => {
    const reply = await new ConformanceGateway().request("GET", "//v1//nowhere");
    expect(JSON.parse(reply.response.body.toString("utf8"))).toEqual({ message: "no such route: GET /v1//nowhere" });
  });
});
