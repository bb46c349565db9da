import { ApiGatewayAuthorizer } from "@cdktf/provider-aws/lib/api-gateway-authorizer";
import { ApiGatewayIntegration } from "@cdktf/provider-aws/lib/api-gateway-integration";
import { ApiGatewayMethod } from "@cdktf/provider-aws/lib/api-gateway-method";
import { ApiGatewayResource } from "@cdktf/provider-aws/lib/api-gateway-resource";
import { LambdaPermission } from "@cdktf/provider-aws/lib/lambda-permission";
import { Testing } from "cdktf";
import { LambdaProxyRoute, LambdaProxyRouteProps } from "../../src/api/lambda-proxy-route";
import { methodArnSuffix } from "../../src/api/resource-path";
import { lambdaFunction, restApi } from "../support/fixtures";
import { onlyResource, parseStack, resourcesOfType } from "../support/terraform-json";

function synth(props: Partial<LambdaProxyRouteProps> = {}): string {
  return Testing.synthScope((scope) => {
    const api = restApi(scope);
    new LambdaProxyRoute(scope, "route", {
      restApi: api,
      resourcePath: "/test",
      httpMethod: "GET",
      stageName: "prod",
      authorizer: new ApiGatewayAuthorizer(scope, "gate", { name: "gate", restApiId: api.id, authorizerUri: "uri" }),
      handler: lambdaFunction(scope, "hello"),
      ...props,
    });
  });
}

describe("LambdaProxyRoute", () => {
  const synthesized = synth();

  test("creates the resource of the path under the API's root", () => {
    expect(synthesized).toHaveResourceWithProperties(ApiGatewayResource, {
      path_part: "test",
      parent_id: "${aws_api_gateway_rest_api.rest_api.root_resource_id}",
    });
  });

  test("protects the method with the custom authorizer", () => {
    expect(synthesized).toHaveResourceWithProperties(ApiGatewayMethod, {
      http_method: "GET",
      authorization: "CUSTOM",
      authorizer_id: "${aws_api_gateway_authorizer.gate.id}",
    });
  });

  test("proxies to the function with a POST AWS_PROXY integration", () => {
    expect(synthesized).toHaveResourceWithProperties(ApiGatewayIntegration, {
      type: "AWS_PROXY",
      integration_http_method: "POST",
      uri: "${aws_lambda_function.hello.invoke_arn}",
    });
  });

  test("lets API Gateway invoke the function for this stage, method and path only", () => {
    expect(synthesized).toHaveResourceWithProperties(LambdaPermission, {
      principal: "apigateway.amazonaws.com",
      function_name: "${aws_lambda_function.hello.function_name}",
      source_arn: "${aws_api_gateway_rest_api.rest_api.execution_arn}/prod/GET/test",
    });
    expect(onlyResource(parseStack(synthesized), "aws_lambda_permission").source_arn).not.toMatch(/\/\*\/\*/);
  });

  test("creates one resource per path segment, each under the previous one", () => {
    const resources = Object.entries(resourcesOfType(parseStack(synth({ resourcePath: "/items/{id}" })), "aws_api_gateway_resource"));
    expect(resources.map(([, r]) => r.path_part)).toEqual(["items", "{id}"]);
    expect(resources[1][1].parent_id).toBe(`\${aws_api_gateway_resource.${resources[0][0]}.id}`);
  });

  test.each([
    ["GET", "/test", "GET/test"],
    ["ANY", "/test", "*/test"],
    ["POST", "/items/{id}", "POST/items/*"],
    ["GET", "/files/{proxy+}", "GET/files/*"],
  ])("scopes %s %s as %s in the permission", (method, path, suffix) => {
    expect(methodArnSuffix(method, path)).toBe(suffix);
  });

  test.each(["test", "/", "/a//b", "/a b", "/{proxy+}/x"])("rejects the resource path %p", (resourcePath) => {
    expect(() => synth({ resourcePath })).toThrow(/^Invalid configuration: property 'resourcePath' must be an absolute path/);
  });

  test("rejects an unknown HTTP method, listing the allowed ones", () => {
    expect(() => synth({ httpMethod: "FETCH" })).toThrow(
      "property 'httpMethod' must be one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS, ANY, got \"FETCH\"",
    );
  });

  test("rejects a stage name that cannot be a URL segment", () => {
    expect(() => synth({ stageName: "pr od" })).toThrow("property 'stageName' must be 1 to 128 letters, digits, '-' or '_', got \"pr od\"");
  });
});
