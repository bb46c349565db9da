import { ApiGatewayAuthorizer } from "@cdktf/provider-aws/lib/api-gateway-authorizer";
import { LambdaPermission } from "@cdktf/provider-aws/lib/lambda-permission";
import { Testing } from "cdktf";
import { RequestAuthorizer, RequestAuthorizerProps } from "../../src/api/request-authorizer";
import { lambdaFunction, restApi } from "../support/fixtures";
import { onlyResource, parseStack } from "../support/terraform-json";

function synth(props: Partial<RequestAuthorizerProps> = {}): string {
  return Testing.synthScope((scope) => {
    new RequestAuthorizer(scope, "authorizer", {
      restApi: restApi(scope),
      handler: lambdaFunction(scope, "decider"),
      name: "gate",
      identityHeader: "x-custom-auth",
      ...props,
    });
  });
}

describe("RequestAuthorizer", () => {
  const synthesized = synth();

  test("is a REQUEST authorizer keyed on the identity header", () => {
    expect(synthesized).toHaveResourceWithProperties(ApiGatewayAuthorizer, {
      type: "REQUEST",
      identity_source: "method.request.header.x-custom-auth",
      name: "gate",
    });
  });

  test("caches decisions for 300 seconds by default", () => {
    expect(synthesized).toHaveResourceWithProperties(ApiGatewayAuthorizer, { authorizer_result_ttl_in_seconds: 300 });
  });

  test("invokes the given function", () => {
    expect(synthesized).toHaveResourceWithProperties(ApiGatewayAuthorizer, {
      authorizer_uri: "${aws_lambda_function.decider.invoke_arn}",
    });
  });

  test("uses the Lambda permission, not an invocation role", () => {
    expect(onlyResource(parseStack(synthesized), "aws_api_gateway_authorizer")).not.toHaveProperty("authorizer_credentials");
  });

  test("lets API Gateway invoke the function for this authorizer only", () => {
    expect(synthesized).toHaveResourceWithProperties(LambdaPermission, {
      action: "lambda:InvokeFunction",
      principal: "apigateway.amazonaws.com",
      function_name: "${aws_lambda_function.decider.function_name}",
    });
    const stack = parseStack(synthesized);
    const [authorizerName] = Object.keys(stack.resource?.aws_api_gateway_authorizer ?? {});
    expect(onlyResource(stack, "aws_lambda_permission").source_arn).toBe(
      `\${aws_api_gateway_rest_api.rest_api.execution_arn}/authorizers/\${aws_api_gateway_authorizer.${authorizerName}.id}`,
    );
  });

  test.each([0, 3600])("accepts a TTL of %i seconds", (resultTtlSeconds) => {
    expect(synth({ resultTtlSeconds })).toHaveResourceWithProperties(ApiGatewayAuthorizer, {
      authorizer_result_ttl_in_seconds: resultTtlSeconds,
    });
  });

  test("rejects a negative TTL", () => {
    expect(() => synth({ resultTtlSeconds: -1 })).toThrow(
      "property 'resultTtlSeconds' must be a whole number from 0 to 3600, got -1",
    );
  });

  test("rejects a TTL over 3600 seconds", () => {
    expect(() => synth({ resultTtlSeconds: 3601 })).toThrow(
      "property 'resultTtlSeconds' must be a whole number from 0 to 3600, got 3601",
    );
  });

  test("rejects an identity header that is not an HTTP token", () => {
    expect(() => synth({ identityHeader: "x custom" })).toThrow(/property 'identityHeader' must be an HTTP header name/);
  });
});
