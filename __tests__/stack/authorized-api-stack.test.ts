import { readFileSync } from "node:fs";
import * as path from "node:path";
import { ApiGatewayAuthorizer } from "@cdktf/provider-aws/lib/api-gateway-authorizer";
import { ApiGatewayIntegration } from "@cdktf/provider-aws/lib/api-gateway-integration";
import { ApiGatewayMethod } from "@cdktf/provider-aws/lib/api-gateway-method";
import { ApiGatewayResource } from "@cdktf/provider-aws/lib/api-gateway-resource";
import { ApiGatewayStage } from "@cdktf/provider-aws/lib/api-gateway-stage";
import { LambdaFunction } from "@cdktf/provider-aws/lib/lambda-function";
import { Testing } from "cdktf";
import { AppConfig, CONTEXT_KEY, loadAppConfig } from "../../src/config/app-config";
import { AuthorizedApiStack } from "../../src/stack/authorized-api-stack";
import { onlyResource, parseStack, resourcesOfType, SynthesizedStack } from "../support/terraform-json";

const PROJECT = path.resolve(__dirname, "..", "..");
const REFERENCE_HSTS = "max-age=31536000; includeSubDomains; preload";

/** The example app's settings: cdktf.json's context, as `cdktf synth` hands it over. */
function exampleConfig(env: Record<string, string> = {}): AppConfig {
  const cdktfJson = JSON.parse(readFileSync(path.join(PROJECT, "cdktf.json"), "utf8")) as { context: Record<string, unknown> };
  return loadAppConfig(cdktfJson.context[CONTEXT_KEY], env);
}

function synth(config: AppConfig): string {
  return Testing.synth(new AuthorizedApiStack(Testing.app(), "authorized-api", config));
}

describe("AuthorizedApiStack (the example app)", () => {
  const synthesized = synth(exampleConfig());
  const stack: SynthesizedStack = parseStack(synthesized);

  test("has exactly one REST API, named Api", () => {
    expect(Object.values(resourcesOfType(stack, "aws_api_gateway_rest_api"))).toEqual([
      expect.objectContaining({ name: "Api" }),
    ]);
  });

  test("protects GET /test with the custom authorizer", () => {
    expect(synthesized).toHaveResourceWithProperties(ApiGatewayResource, { path_part: "test" });
    expect(synthesized).toHaveResourceWithProperties(ApiGatewayMethod, {
      http_method: "GET",
      authorization: "CUSTOM",
      authorizer_id: "${aws_api_gateway_authorizer.authorizer_request_authorizer.id}",
    });
  });

  test("keys a REQUEST authorizer on x-custom-auth, cached 300 s", () => {
    expect(synthesized).toHaveResourceWithProperties(ApiGatewayAuthorizer, {
      type: "REQUEST",
      identity_source: "method.request.header.x-custom-auth",
      authorizer_result_ttl_in_seconds: 300,
      authorizer_uri: "${aws_lambda_function.authorizer_lambda_function.invoke_arn}",
    });
  });

  test("proxies to the backend function", () => {
    expect(synthesized).toHaveResourceWithProperties(ApiGatewayIntegration, {
      type: "AWS_PROXY",
      integration_http_method: "POST",
      uri: "${aws_lambda_function.backend_lambda_function.invoke_arn}",
    });
  });

  test.each([
    ["UNAUTHORIZED", "401"],
    ["ACCESS_DENIED", "403"],
    ["AUTHORIZER_FAILURE", "500"],
    ["AUTHORIZER_CONFIGURATION_ERROR", "500"],
    ["DEFAULT_4XX", undefined],
    ["DEFAULT_5XX", undefined],
  ])("answers the gateway's %s with status %s and the reference HSTS", (type, status) => {
    const response = Object.values(resourcesOfType(stack, "aws_api_gateway_gateway_response")).find((r) => r.response_type === type);
    expect(response?.status_code).toBe(status);
    expect(response?.response_parameters).toEqual({ "gatewayresponse.header.Strict-Transport-Security": `'${REFERENCE_HSTS}'` });
  });

  test("hands the backend the same header set as the gateway responses, through its configuration", () => {
    const backend = resourcesOfType(stack, "aws_lambda_function").backend_lambda_function as {
      environment: { variables: Record<string, string> };
    };
    expect(JSON.parse(backend.environment.variables.SECURITY_HEADERS)).toEqual({ "Strict-Transport-Security": REFERENCE_HSTS });
  });

  test("configures the authorizer's header and credential, not literals in its code", () => {
    expect(synthesized).toHaveResourceWithProperties(LambdaFunction, {
      function_name: "Api-authorizer",
      environment: { variables: { IDENTITY_HEADER: "x-custom-auth", EXPECTED_CREDENTIAL: "allow" } },
    });
  });

  test("gives each function its own role, log group and log permission", () => {
    for (const fn of ["authorizer_lambda", "backend_lambda"]) {
      expect(resourcesOfType(stack, "aws_lambda_function")[`${fn}_function`].role).toBe(`\${aws_iam_role.${fn}_role.arn}`);
      expect(resourcesOfType(stack, "aws_iam_role_policy")[`${fn}_log_policy`].policy).toContain(
        `\${aws_cloudwatch_log_group.${fn}_logs.arn}:log-stream:*`,
      );
    }
  });

  test("scopes both invoke permissions; neither allows every stage, method and path", () => {
    const permissions = resourcesOfType(stack, "aws_lambda_permission");
    expect(permissions.authorizer_invoke_permission.source_arn).toBe(
      "${aws_api_gateway_rest_api.rest_api.execution_arn}/authorizers/${aws_api_gateway_authorizer.authorizer_request_authorizer.id}",
    );
    expect(permissions.route_invoke_permission.source_arn).toBe("${aws_api_gateway_rest_api.rest_api.execution_arn}/prod/GET/test");
    expect(JSON.stringify(permissions)).not.toContain("/*/*/*");
  });

  test("redeploys on a content hash over every resource, method, integration, authorizer and gateway response", () => {
    const deployment = onlyResource(stack, "aws_api_gateway_deployment");
    expect((deployment.triggers as Record<string, string>).redeployment).toMatch(/^[0-9a-f]{40}$/);
    expect(deployment.depends_on).toEqual([
      "aws_api_gateway_resource.route_resource_0",
      "aws_api_gateway_method.route_method",
      "aws_api_gateway_integration.route_integration",
      "aws_api_gateway_authorizer.authorizer_request_authorizer",
      ...["unauthorized", "access_denied", "authorizer_failure", "authorizer_configuration_error", "default_4xx", "default_5xx"].map(
        (type) => `aws_api_gateway_gateway_response.gateway_responses_${type}`,
      ),
    ]);
    expect(deployment.lifecycle).toEqual({ create_before_destroy: true });
    expect(deployment).not.toHaveProperty("stage_name");
  });

  test("changing a header value changes the deployment's trigger", () => {
    const changed = parseStack(synth(exampleConfig({ APIGW_HSTS_MAX_AGE_SECONDS: "63072000" })));
    const before = onlyResource(stack, "aws_api_gateway_deployment").triggers;
    expect(onlyResource(changed, "aws_api_gateway_deployment").triggers).not.toEqual(before);
  });

  test("changing the authorizer's TTL changes the deployment's trigger", () => {
    const changed = parseStack(synth(exampleConfig({ APIGW_AUTHORIZER_TTL_SECONDS: "60" })));
    expect(onlyResource(changed, "aws_api_gateway_deployment").triggers).not.toEqual(onlyResource(stack, "aws_api_gateway_deployment").triggers);
  });

  test("serves the deployment on its own stage, prod", () => {
    expect(synthesized).toHaveResourceWithProperties(ApiGatewayStage, {
      stage_name: "prod",
      deployment_id: "${aws_api_gateway_deployment.api_deployment.id}",
    });
  });

  test("outputs ApiUrl and ApiTestEndpoint", () => {
    expect(stack.output?.ApiUrl.value).toBe("${aws_api_gateway_stage.api_stage.invoke_url}");
    expect(stack.output?.ApiTestEndpoint.value).toBe("${aws_api_gateway_stage.api_stage.invoke_url}/test");
  });

  test("pins the AWS provider the prebuilt bindings were generated for", () => {
    expect((stack.terraform?.required_providers as Record<string, { version: string }>).aws.version).toBe("5.100.0");
  });

  test("deploys to the configured region", () => {
    expect(stack.provider?.aws).toEqual([expect.objectContaining({ region: "ap-northeast-1" })]);
  });

  test("reads nothing from AWS at plan time: its only data sources are the archives", () => {
    expect(Object.keys(stack.data ?? {})).toEqual(["archive_file"]);
  });

  test("holds no absolute path of the machine that synthesized it", () => {
    expect(synthesized).not.toContain(PROJECT);
    expect((stack.terraform?.backend as { local: { path: string } }).local.path).toBe("../../../terraform.authorized-api.tfstate");
  });
});

describe("AuthorizedApiStack (configured)", () => {
  test("follows the configured names, path, method, stage, header and TTL", () => {
    const json = synth(
      loadAppConfig(
        { apiName: "Orders", resourcePath: "/orders/{id}", httpMethod: "POST", stageName: "live", authorizer: { identityHeader: "x-api-key", resultTtlSeconds: 0 } },
        {},
      ),
    );
    const stack = parseStack(json);
    expect(json).toHaveResourceWithProperties(ApiGatewayAuthorizer, {
      identity_source: "method.request.header.x-api-key",
      authorizer_result_ttl_in_seconds: 0,
    });
    expect(json).toHaveResourceWithProperties(ApiGatewayMethod, { http_method: "POST" });
    expect(json).toHaveResourceWithProperties(ApiGatewayStage, { stage_name: "live" });
    expect(resourcesOfType(stack, "aws_lambda_permission").route_invoke_permission.source_arn).toBe(
      "${aws_api_gateway_rest_api.rest_api.execution_arn}/live/POST/orders/*",
    );
    expect(stack.output?.ApiTestEndpoint.value).toBe("${aws_api_gateway_stage.api_stage.invoke_url}/orders/{id}");
    expect(Object.keys(resourcesOfType(stack, "aws_lambda_function"))).toHaveLength(2);
    expect(json).toHaveResourceWithProperties(LambdaFunction, { function_name: "Orders-backend" });
  });

  test("uses the constructs' HSTS default when the app does not opt in to preload", () => {
    const stack = parseStack(synth(loadAppConfig({}, {})));
    for (const response of Object.values(resourcesOfType(stack, "aws_api_gateway_gateway_response"))) {
      expect(response.response_parameters).toEqual({ "gatewayresponse.header.Strict-Transport-Security": "'max-age=31536000; includeSubDomains'" });
    }
  });
});
