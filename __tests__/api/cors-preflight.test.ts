import { ApiGatewayIntegration } from "@cdktf/provider-aws/lib/api-gateway-integration";
import { ApiGatewayMethod } from "@cdktf/provider-aws/lib/api-gateway-method";
import { Testing } from "cdktf";
import { CorsPreflight } from "../../src/api/cors-preflight";
import { SecurityHeaderPolicy } from "../../src/security-headers/security-header-policy";
import { onlyResource, parseStack } from "../support/terraform-json";

const POLICY = new SecurityHeaderPolicy({ hsts: { preload: true }, cors: { allowOrigin: "https://app.example.com", allowHeaders: ["x-custom-auth"] } });

describe("CorsPreflight", () => {
  const synthesized = Testing.synthScope((scope) => {
    new CorsPreflight(scope, "preflight", { restApiId: "api", resourceId: "res", headerPolicy: POLICY });
  });
  const stack = parseStack(synthesized);

  test("is an OPTIONS method that needs no credential", () => {
    expect(synthesized).toHaveResourceWithProperties(ApiGatewayMethod, { http_method: "OPTIONS", authorization: "NONE", resource_id: "res" });
    expect(onlyResource(stack, "aws_api_gateway_method")).not.toHaveProperty("authorizer_id");
  });

  test("is answered by the gateway itself with 204", () => {
    expect(synthesized).toHaveResourceWithProperties(ApiGatewayIntegration, {
      type: "MOCK",
      request_templates: { "application/json": '{"statusCode":204}' },
    });
    expect(onlyResource(stack, "aws_api_gateway_method_response").status_code).toBe("204");
  });

  test("carries the whole header set, HSTS included, plus the preflight headers, as static values", () => {
    const parameters = onlyResource(stack, "aws_api_gateway_integration_response").response_parameters as Record<string, string>;
    expect(parameters["method.response.header.Strict-Transport-Security"]).toBe("'max-age=31536000; includeSubDomains; preload'");
    expect(parameters).toEqual({
      ...Object.fromEntries(Object.entries(POLICY.headers).map(([name, value]) => [`method.response.header.${name}`, `'${value}'`])),
      "method.response.header.Access-Control-Allow-Methods": "'GET,OPTIONS'",
      "method.response.header.Access-Control-Allow-Headers": "'x-custom-auth'",
      "method.response.header.Access-Control-Max-Age": "'600'",
    });
  });

  test("declares every header it sends on the method response", () => {
    const declared = Object.keys(onlyResource(stack, "aws_api_gateway_method_response").response_parameters as Record<string, boolean>);
    const sent = Object.keys(onlyResource(stack, "aws_api_gateway_integration_response").response_parameters as Record<string, string>);
    expect(declared.sort()).toEqual(sent.sort());
  });

  test("refuses a policy without CORS options", () => {
    expect(() =>
      Testing.synthScope((scope) => {
        new CorsPreflight(scope, "preflight", { restApiId: "api", resourceId: "res", headerPolicy: new SecurityHeaderPolicy() });
      }),
    ).toThrow("CorsPreflight needs a SecurityHeaderPolicy with CORS options");
  });
});
