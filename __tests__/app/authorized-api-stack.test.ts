import { readFileSync } from "node:fs";
import * as path from "node:path";
import { ApiGatewayAuthorizer } from "@cdktf/provider-aws/lib/api-gateway-authorizer";
import { ApiGatewayIntegration } from "@cdktf/provider-aws/lib/api-gateway-integration";
import { ApiGatewayMethod } from "@cdktf/provider-aws/lib/api-gateway-method";
import { ApiGatewayResource } from "@cdktf/provider-aws/lib/api-gateway-resource";
import { ApiGatewayStage } from "@cdktf/provider-aws/lib/api-gateway-stage";
import { LambdaFunction } from "@cdktf/provider-aws/lib/lambda-function";
import { Testing } from "cdktf";
import { AppConfig, CONTEXT_KEY, loadAppConfig } from "../../src/app/app-config";
import { AuthorizedApiStack } from "../../src/app/authorized-api-stack";
import { onlyResource, parseStack, resourcesOfType, SynthesizedStack } from "../support/terraform-json";

const PROJECT = path.resolve(__dirname, "..", "..");
const REFERENCE_HSTS = "max-age=31536000; includeSubDomains; preload";
const OWASP_HEADERS = {
  "X-Content-Type-Options": "nosniff",
  "Cache-Control": "no-store",
  "Content-Security-Policy": "frame-ancestors 'none'",
  "X-Frame-Options": "DENY",
  "Referrer-Policy": "no-referrer",
};

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
      authorizer_id: "${aws_api_gateway_authorizer.api_authorizer_request_authorizer.id}",
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
    ["UNAUTHORIZED", "401", "認証エラー: UNAUTHORIZED"],
    ["ACCESS_DENIED", "403", "認可エラー: ACCESS_DENIED"],
    ["AUTHORIZER_FAILURE", undefined, "Internal server error"],
    ["AUTHORIZER_CONFIGURATION_ERROR", undefined, "Internal server error"],
    ["MISSING_AUTHENTICATION_TOKEN", undefined, "Missing Authentication Token"],
    ["THROTTLED", undefined, "Too Many Requests"],
    ["DEFAULT_4XX", undefined, "Bad request"],
    ["DEFAULT_5XX", undefined, "Internal server error"],
  ])("answers the gateway's %s with status %s, its message, the reference HSTS and the OWASP headers", (type, status, message) => {
    const response = Object.values(resourcesOfType(stack, "aws_api_gateway_gateway_response")).find((r) => r.response_type === type);
    expect(response?.status_code).toBe(status);
    expect(JSON.parse((response?.response_templates as Record<string, string>)["application/json"])).toEqual({ message });
    const expected = { "Strict-Transport-Security": REFERENCE_HSTS, ...OWASP_HEADERS };
    expect(response?.response_parameters).toEqual(
      Object.fromEntries(Object.entries(expected).map(([name, value]) => [`gatewayresponse.header.${name}`, `'${value}'`])),
    );
  });

  test("customises all 21 gateway response types, so no gateway-generated answer lacks HSTS", () => {
    expect(Object.keys(resourcesOfType(stack, "aws_api_gateway_gateway_response"))).toHaveLength(21);
  });

  test("still carries HSTS on the 401 and 403 when the response list is emptied", () => {
    const emptied = parseStack(synth(exampleConfig({ APIGW_GATEWAY_RESPONSES: "[]" })));
    for (const type of ["UNAUTHORIZED", "ACCESS_DENIED"]) {
      const response = Object.values(resourcesOfType(emptied, "aws_api_gateway_gateway_response")).find((r) => r.response_type === type);
      expect((response?.response_parameters as Record<string, string>)["gatewayresponse.header.Strict-Transport-Security"]).toBe(`'${REFERENCE_HSTS}'`);
    }
  });

  test("hands the backend the same header set as the gateway responses, through its configuration", () => {
    const backend = resourcesOfType(stack, "aws_lambda_function").backend_lambda_function as {
      environment: { variables: Record<string, string> };
    };
    expect(JSON.parse(backend.environment.variables.SECURITY_HEADERS)).toEqual({ "Strict-Transport-Security": REFERENCE_HSTS, ...OWASP_HEADERS });
  });

  test("reproduces the reference through the explicit inline demo credential, and warns about it", () => {
    expect(synthesized).toHaveResourceWithProperties(LambdaFunction, {
      function_name: "Api-authorizer",
      environment: { variables: { IDENTITY_HEADER: "x-custom-auth", CREDENTIAL_SOURCE: "inline-demo", EXPECTED_CREDENTIAL: "allow" } },
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
    expect(permissions.api_authorizer_request_invoke_permission.source_arn).toBe(
      "${aws_api_gateway_rest_api.api_rest_api.execution_arn}/authorizers/${aws_api_gateway_authorizer.api_authorizer_request_authorizer.id}",
    );
    expect(permissions.api_paths_test_GET_invoke_permission.source_arn).toBe("${aws_api_gateway_rest_api.api_rest_api.execution_arn}/prod/GET/test");
    expect(JSON.stringify(permissions)).not.toContain("/*/*/*");
  });

  test("redeploys on a content hash over every resource, method, integration, authorizer and gateway response", () => {
    const deployment = onlyResource(stack, "aws_api_gateway_deployment");
    expect((deployment.triggers as Record<string, string>).redeployment).toMatch(/^[0-9a-f]{40}$/);
    expect(deployment.depends_on).toEqual(
      expect.arrayContaining([
        "aws_api_gateway_rest_api.api_rest_api",
        "aws_api_gateway_resource.api_paths_test_resource",
        "aws_api_gateway_method.api_paths_test_GET_method",
        "aws_api_gateway_integration.api_paths_test_GET_integration",
        "aws_api_gateway_authorizer.api_authorizer_request_authorizer",
        "aws_api_gateway_gateway_response.api_gateway_responses_unauthorized",
        "aws_api_gateway_gateway_response.api_gateway_responses_access_denied",
      ]),
    );
    expect(deployment.depends_on).toHaveLength(26);
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
      deployment_id: "${aws_api_gateway_deployment.api_stage_deployment.id}",
    });
  });

  test("outputs ApiUrl and ApiTestEndpoint", () => {
    expect(stack.output?.ApiUrl.value).toBe("${aws_api_gateway_stage.api_stage_stage.invoke_url}");
    expect(stack.output?.ApiTestEndpoint.value).toBe("${aws_api_gateway_stage.api_stage_stage.invoke_url}/test");
  });

  test("pins the AWS provider the prebuilt bindings were generated for", () => {
    expect((stack.terraform?.required_providers as Record<string, { version: string }>).aws.version).toBe("5.100.0");
  });

  test("deploys to the configured region", () => {
    expect(stack.provider?.aws).toEqual([expect.objectContaining({ region: "ap-northeast-1" })]);
  });

  test("serves the stage hardened: X-Ray, JSON access logs in their own group, ERROR execution logs without data traces, metrics and throttling", () => {
    const stage = onlyResource(stack, "aws_api_gateway_stage") as { xray_tracing_enabled: boolean; access_log_settings: { destination_arn: string; format: string } };
    expect(stage.xray_tracing_enabled).toBe(true);
    expect(stage.access_log_settings.destination_arn).toBe("${aws_cloudwatch_log_group.api_stage_access_logs.arn}");
    expect(JSON.parse(stage.access_log_settings.format)).toMatchObject({ requestId: "$context.requestId", status: "$context.status" });
    expect(onlyResource(stack, "aws_api_gateway_method_settings")).toMatchObject({
      method_path: "*/*",
      settings: { logging_level: "ERROR", data_trace_enabled: false, metrics_enabled: true, throttling_rate_limit: 100, throttling_burst_limit: 50 },
    });
  });

  test("attaches the logging role's managed policy in the API's own partition", () => {
    expect(onlyResource(stack, "aws_iam_role_policy_attachment").policy_arn).toBe(
      "arn:${local.aws_partition}:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs",
    );
  });

  test("sets the account's API Gateway logging role before the stage logs", () => {
    expect(onlyResource(stack, "aws_api_gateway_account").cloudwatch_role_arn).toBe("${aws_iam_role.apigateway_logging_role.arn}");
    expect(onlyResource(stack, "aws_api_gateway_stage").depends_on).toContain("aws_api_gateway_account.apigateway_logging_settings");
  });

  test("reserves 50 concurrent executions for the authorizer and none for the backend", () => {
    const functions = resourcesOfType(stack, "aws_lambda_function");
    expect(functions.authorizer_lambda_function.reserved_concurrent_executions).toBe(50);
    expect(functions.backend_lambda_function).not.toHaveProperty("reserved_concurrent_executions");
  });

  test("grants the inline-demo authorizer no SSM access", () => {
    expect(JSON.stringify(stack.resource?.aws_iam_role_policy)).not.toContain("ssm:");
  });

  test("has no preflight method without CORS", () => {
    expect(Object.values(resourcesOfType(stack, "aws_api_gateway_method")).map((m) => m.http_method)).toEqual(["GET"]);
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
    expect(Object.values(resourcesOfType(stack, "aws_lambda_permission")).map((p) => p.source_arn)).toContain(
      "${aws_api_gateway_rest_api.api_rest_api.execution_arn}/live/POST/orders/*",
    );
    expect(stack.output?.ApiTestEndpoint.value).toBe("${aws_api_gateway_stage.api_stage_stage.invoke_url}/orders/{id}");
    expect(Object.keys(resourcesOfType(stack, "aws_lambda_function"))).toHaveLength(2);
    expect(json).toHaveResourceWithProperties(LambdaFunction, { function_name: "Orders-backend" });
  });

  test("uses the constructs' HSTS default when the app does not opt in to preload", () => {
    const stack = parseStack(synth(loadAppConfig({}, {})));
    for (const response of Object.values(resourcesOfType(stack, "aws_api_gateway_gateway_response"))) {
      expect((response.response_parameters as Record<string, string>)["gatewayresponse.header.Strict-Transport-Security"]).toBe("'max-age=31536000; includeSubDomains'");
    }
  });

  describe("with the credential in SSM (the constructs' default)", () => {
    const stack = parseStack(synth(loadAppConfig({}, {})));
    const authorizer = resourcesOfType(stack, "aws_lambda_function").authorizer_lambda_function as { environment: { variables: Record<string, string> } };
    const permissions = JSON.parse(resourcesOfType(stack, "aws_iam_role_policy").authorizer_lambda_permissions.policy as string) as { Statement: unknown[] };
    const parameterArn = "arn:${local.aws_partition}:ssm:ap-northeast-1:${local.aws_account_id}:parameter/Api/authorizer/credential";

    test("takes partition and account from the API's execution ARN, not from a data source", () => {
      expect((stack as { locals?: Record<string, string> }).locals).toEqual({
        aws_partition: '${element(split(":", aws_api_gateway_rest_api.api_rest_api.execution_arn), 1)}',
        aws_account_id: '${element(split(":", aws_api_gateway_rest_api.api_rest_api.execution_arn), 4)}',
      });
    });

    test("tells the authorizer the parameter's name and cache age, never a credential", () => {
      expect(authorizer.environment.variables).toEqual({
        IDENTITY_HEADER: "x-custom-auth",
        CREDENTIAL_SOURCE: "ssm",
        CREDENTIAL_PARAMETER: "/Api/authorizer/credential",
        CREDENTIAL_MAX_AGE_SECONDS: "300",
      });
    });

    test("may get only that parameter", () => {
      expect(permissions.Statement).toContainEqual({ Effect: "Allow", Action: ["ssm:GetParameter"], Resource: parameterArn });
      expect(JSON.stringify(permissions)).not.toContain("kms:");
    });

    test("may decrypt with only its customer-managed key, for only that parameter", () => {
      const key = "arn:aws:kms:ap-northeast-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
      const withKey = parseStack(synth(loadAppConfig({ authorizer: { credentialKmsKeyArn: key } }, {})));
      const statements = JSON.parse(resourcesOfType(withKey, "aws_iam_role_policy").authorizer_lambda_permissions.policy as string).Statement;
      expect(statements).toContainEqual({
        Effect: "Allow",
        Action: ["kms:Decrypt"],
        Resource: key,
        Condition: { StringEquals: { "kms:EncryptionContext:PARAMETER_ARN": parameterArn } },
      });
    });

    test("creates no parameter: its value never passes through Terraform", () => {
      expect(stack.resource).not.toHaveProperty("aws_ssm_parameter");
      expect(stack.data).not.toHaveProperty("aws_ssm_parameter");
    });
  });

  describe("with CORS", () => {
    const stack = parseStack(synth(loadAppConfig({ securityHeaders: { cors: { allowOrigin: "https://app.example.com" } } }, {})));

    test("answers the preflight from the gateway, without a credential", () => {
      const options = Object.values(resourcesOfType(stack, "aws_api_gateway_method")).find((m) => m.http_method === "OPTIONS");
      expect(options).toMatchObject({ authorization: "NONE", resource_id: "${aws_api_gateway_resource.api_paths_test_resource.id}" });
      expect(onlyResource(stack, "aws_api_gateway_integration_response").response_parameters).toMatchObject({
        "method.response.header.Access-Control-Allow-Origin": "'https://app.example.com'",
        "method.response.header.Access-Control-Allow-Methods": "'GET,OPTIONS'",
        "method.response.header.Access-Control-Allow-Headers": "'x-custom-auth,Content-Type'",
        "method.response.header.Strict-Transport-Security": "'max-age=31536000; includeSubDomains'",
      });
    });

    test("lets browsers read the 401 and 403 bodies", () => {
      for (const response of Object.values(resourcesOfType(stack, "aws_api_gateway_gateway_response"))) {
        expect((response.response_parameters as Record<string, string>)["gatewayresponse.header.Access-Control-Allow-Origin"]).toBe("'https://app.example.com'");
      }
    });

    test("allows every method in the preflight of an ANY route", () => {
      const any = parseStack(synth(loadAppConfig({ httpMethod: "ANY", securityHeaders: { cors: { allowOrigin: "*" } } }, {})));
      expect((onlyResource(any, "aws_api_gateway_integration_response").response_parameters as Record<string, string>)["method.response.header.Access-Control-Allow-Methods"]).toBe(
        "'GET,POST,PUT,PATCH,DELETE,HEAD,OPTIONS'",
      );
    });

    test("redeploys when the preflight changes", () => {
      expect(onlyResource(stack, "aws_api_gateway_deployment").depends_on).toEqual(
        expect.arrayContaining(["aws_api_gateway_method.api_paths_test_OPTIONS_method", "aws_api_gateway_integration_response.api_paths_test_OPTIONS_mock_integration_response"]),
      );
    });
  });

  describe("scanner-rule options", () => {
    const key = "arn:aws:kms:ap-northeast-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    const acl = "arn:aws:wafv2:ap-northeast-1:123456789012:regional/webacl/api/0123abcd-4567-89ef-0123-456789abcdef";
    const signing = "arn:aws:lambda:ap-northeast-1:123456789012:code-signing-config:csc-0123456789abcdef0";
    const hardened = parseStack(
      synth(loadAppConfig({ logsKmsKeyArn: key, stage: { webAclArn: acl }, functions: { environmentKmsKeyArn: key, codeSigningConfigArn: signing, backendReservedConcurrency: 20 } }, {})),
    );
    const defaults = parseStack(synth(loadAppConfig({}, {})));

    test("CKV2_AWS_29: webAclArn associates the web ACL with the stage", () => {
      expect(onlyResource(hardened, "aws_wafv2_web_acl_association").web_acl_arn).toBe(acl);
      expect(resourcesOfType(defaults, "aws_wafv2_web_acl_association")).toEqual({});
    });

    test("CKV_AWS_158: logsKmsKeyArn encrypts every log group, the stage's and the functions'", () => {
      const groups = Object.values(resourcesOfType(hardened, "aws_cloudwatch_log_group"));
      expect(groups).toHaveLength(4);
      expect(groups.every((group) => group.kms_key_id === key)).toBe(true);
      expect(Object.values(resourcesOfType(defaults, "aws_cloudwatch_log_group")).some((group) => "kms_key_id" in group)).toBe(false);
    });

    test("CKV_AWS_173 and CKV_AWS_272: both functions get the environment key and the code-signing config", () => {
      for (const fn of Object.values(resourcesOfType(hardened, "aws_lambda_function"))) {
        expect(fn.kms_key_arn).toBe(key);
        expect(fn.code_signing_config_arn).toBe(signing);
      }
    });

    test("CKV_AWS_115: backendReservedConcurrency reserves concurrency for the backend", () => {
      expect(resourcesOfType(hardened, "aws_lambda_function").backend_lambda_function.reserved_concurrent_executions).toBe(20);
    });

    test.each<[string, Record<string, unknown>, string]>([
      ["webAclArn", { stage: { webAclArn: "arn:aws:waf::1:x" } }, "property 'stage.webAclArn' must be a WAFv2 regional web ACL ARN"],
      ["logsKmsKeyArn", { logsKmsKeyArn: "" }, "property 'logsKmsKeyArn' must be a KMS key ARN"],
      ["codeSigningConfigArn", { functions: { codeSigningConfigArn: "csc-1" } }, "property 'functions.codeSigningConfigArn' must be a Lambda code-signing config ARN"],
      ["backendReservedConcurrency", { functions: { backendReservedConcurrency: 0 } }, "property 'functions.backendReservedConcurrency' must be a whole number from 1 to 10000, got 0"],
    ])("refuses a bad %s, naming it", (_option, context, message) => {
      expect(() => loadAppConfig(context, {})).toThrow(message);
    });
  });
});
