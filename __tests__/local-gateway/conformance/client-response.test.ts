import type { StackModel } from "../../../src/local-gateway/stack/stack-model";
import { AWS_PROXY_DOC, ConformanceGateway, conformance, header } from "./harness";

// What the client receives from the gateway itself.

const XRAY_DOC = "https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-using-xray-maps.html";
const tracing = (model: StackModel): StackModel => ({ ...model, stages: model.stages.map((stage) => ({ ...stage, tracingEnabled: true })) });

describe("responses of the gateway", () => {
  conformance("x-amz-apigw-id is 16 characters of base64 ending in '=' and equals requestContext.extendedRequestId", AWS_PROXY_DOC, async () => {
    const gateway = new ConformanceGateway();
    const reply = await gateway.request("GET", "/v1/open");
    expect(header(reply, "x-amz-apigw-id")).toMatch(/^[A-Za-z0-9]{15}=$/);
    expect((gateway.lastEvent("edge-echo").requestContext as Record<string, unknown>).extendedRequestId).toBe(header(reply, "x-amz-apigw-id"));
  });

  conformance("x-amzn-requestid equals requestContext.requestId", AWS_PROXY_DOC, async () => {
    const gateway = new ConformanceGateway();
    const reply = await gateway.request("GET", "/v1/open");
    expect((gateway.lastEvent("edge-echo").requestContext as Record<string, unknown>).requestId).toBe(header(reply, "x-amzn-requestid"));
  });

  conformance("with X-Ray tracing on the stage, a gateway response carries the request's x-amzn-trace-id", XRAY_DOC, async () => {
    const traced = new ConformanceGateway(tracing);
    const clientTrace = "Root=1-67891233-abcdef012345678912345678";
    const refused = await traced.request("GET", "/v1/items", ["X-Amzn-Trace-Id", clientTrace]);
    expect(refused.response.statusCode).toBe(401);
    expect(header(refused, "x-amzn-trace-id")).toBe(clientTrace);
    const untraced = await new ConformanceGateway().request("GET", "/v1/items");
    expect(header(untraced, "x-amzn-trace-id")).toBeUndefined();
  });

  conformance("a path outside every stage gets AWS's own 403 Forbidden, without the stack's gateway responses", "https://docs.aws.amazon.com/apigateway/latest/developerguide/supported-gateway-response-types.html", async () => {
    const reply = await new ConformanceGateway().request("GET", "/nostage/items");
    expect(reply.response.statusCode).toBe(403);
    expect(JSON.parse(reply.response.body.toString("utf8"))).toEqual({ message: "Forbidden" });
    expect(header(reply, "x-amzn-errortype")).toBe("ForbiddenException");
    expect(header(reply, "strict-transport-security")).toBeUndefined();
  });
});

describe("the authorizer cache", () => {
  conformance(
    "the key is exactly what the authorizer is given: a Deny decided on a repeated header is never served to a caller sending one of its values",
    "https://docs.aws.amazon.com/apigateway/latest/api/API_CreateAuthorizer.html (identitySource: the caching key) and floci-io/floci PR #1806",
    async () => {
      const gateway = new ConformanceGateway();
      const deny = { kind: "result" as const, payload: { principalId: "p", policyDocument: { Statement: [{ Action: "execute-api:Invoke", Effect: "Deny", Resource: "*" }] } } };
      const allow = { kind: "result" as const, payload: { principalId: "p", policyDocument: { Statement: [{ Action: "execute-api:Invoke", Effect: "Allow", Resource: "*" }] } } };
      // An authorizer that decides on the first value it finds, as a naive one does.
      gateway.answer("edge-request-authorizer", (event) => ((event.multiValueHeaders as Record<string, string[]>)["X-Token"]?.[0] === "allow" ? allow : deny));
      expect((await gateway.request("GET", "/v1/items", ["X-Token", "deny", "X-Token", "allow"])).response.statusCode).toBe(403);
      expect((await gateway.request("GET", "/v1/items", ["X-Token", "allow"])).response.statusCode).toBe(200);
      expect(gateway.events.get("edge-request-authorizer")).toHaveLength(2);
    },
  );
});
