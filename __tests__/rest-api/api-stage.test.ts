import { ApiGatewayGatewayResponse } from "@cdktf/provider-aws/lib/api-gateway-gateway-response";
import { ApiGatewayMethodSettings } from "@cdktf/provider-aws/lib/api-gateway-method-settings";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { Wafv2WebAclAssociation } from "@cdktf/provider-aws/lib/wafv2-web-acl-association";
import { Testing } from "cdktf";
import { ApiStage, ApiStageProps } from "../../src/rest-api/api-stage";
import { DeploymentContent } from "../../src/rest-api/deployment-content";
import { restApi } from "../support/fixtures";
import { onlyResource, parseStack, resourcesOfType } from "../support/terraform-json";

/** Synthesizes a stage over one gateway response whose HSTS value is `hsts`. */
function synth(hsts: string, props: Partial<ApiStageProps> = {}): string {
  return Testing.synthScope((scope) => {
    const api = restApi(scope);
    const content = new DeploymentContent();
    new ApiStage(scope, "api", { restApi: api, stageName: "prod", content, ...props });
    // Registered after the stage exists: the fingerprint is computed at synth and still sees it.
    content.register(
      new ApiGatewayGatewayResponse(scope, "unauthorized", {
        restApiId: api.id,
        responseType: "UNAUTHORIZED",
        responseParameters: { "gatewayresponse.header.Strict-Transport-Security": `'${hsts}'` },
      }),
    );
  });
}

function deployment(json: string): Record<string, unknown> {
  return onlyResource(parseStack(json), "aws_api_gateway_deployment");
}

function trigger(json: string): string {
  return (deployment(json).triggers as Record<string, string>).redeployment;
}

describe("ApiStage", () => {
  const synthesized = synth("max-age=31536000");

  test("triggers redeployment from a SHA-1 of the registered content", () => {
    expect(trigger(synthesized)).toMatch(/^[0-9a-f]{40}$/);
  });

  test("changing a registered resource's content changes the trigger, even when registered after the stage", () => {
    expect(trigger(synth("max-age=600"))).not.toBe(trigger(synthesized));
  });

  test("synthesizing unchanged content gives the same trigger", () => {
    expect(trigger(synth("max-age=31536000"))).toBe(trigger(synthesized));
  });

  test("waits for every registered resource and is created before the old one is destroyed", () => {
    expect(deployment(synthesized).depends_on).toEqual(["aws_api_gateway_gateway_response.unauthorized"]);
    expect(deployment(synthesized).lifecycle).toEqual({ create_before_destroy: true });
  });

  test("serves the deployment on its own stage resource with X-Ray tracing and JSON access logs", () => {
    const stage = onlyResource(parseStack(synthesized), "aws_api_gateway_stage");
    expect(stage.stage_name).toBe("prod");
    expect(stage.xray_tracing_enabled).toBe(true);
    expect((stage.access_log_settings as { format: string }).format).toContain('"requestId":"$context.requestId"');
    expect(deployment(synthesized)).not.toHaveProperty("stage_name");
  });

  test("logs errors without data traces, with metrics and default throttling on every method", () => {
    expect(synthesized).toHaveResourceWithProperties(ApiGatewayMethodSettings, {
      method_path: "*/*",
      settings: { logging_level: "ERROR", data_trace_enabled: false, metrics_enabled: true, throttling_rate_limit: 100, throttling_burst_limit: 50 },
    });
  });

  test("keeps access and execution logs for a year by default, in groups it owns", () => {
    const groups = Object.values(resourcesOfType(parseStack(synthesized), "aws_cloudwatch_log_group"));
    expect(groups.map((group) => group.retention_in_days)).toEqual([365, 365]);
    expect(groups.map((group) => group.name)).toEqual([
      "/aws/apigateway/${aws_api_gateway_rest_api.rest_api.name}/prod/access",
      "API-Gateway-Execution-Logs_${aws_api_gateway_rest_api.rest_api.id}/prod",
    ]);
    expect(groups.every((group) => !("kms_key_id" in group))).toBe(true);
  });

  test("encrypts both log groups with the given KMS key", () => {
    const key = "arn:aws:kms:eu-west-1:123456789012:key/abc";
    const groups = Object.values(resourcesOfType(parseStack(synth("max-age=1", { logsKmsKeyArn: key })), "aws_cloudwatch_log_group"));
    expect(groups.map((group) => group.kms_key_id)).toEqual([key, key]);
  });

  test("associates a WAF web ACL with the stage only when given one", () => {
    const acl = "arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/x/1";
    const association = onlyResource(parseStack(synth("max-age=1", { webAclArn: acl })), "aws_wafv2_web_acl_association");
    expect(association.web_acl_arn).toBe(acl);
    expect(association.resource_arn).toMatch(/^\$\{aws_api_gateway_stage\.[A-Za-z0-9_]+\.arn\}$/);
  });

  test("has no web ACL association by default", () => {
    expect(synthesized).not.toHaveResource(Wafv2WebAclAssociation);
  });

  test("makes the stage wait for what waitFor names", () => {
    const json = Testing.synthScope((scope) => {
      const api = restApi(scope);
      const stage = new ApiStage(scope, "api", { restApi: api, stageName: "prod", content: new DeploymentContent() });
      stage.waitFor(new CloudwatchLogGroup(scope, "prerequisite", { name: "x" }));
    });
    expect(onlyResource(parseStack(json), "aws_api_gateway_stage").depends_on).toContain("aws_cloudwatch_log_group.prerequisite");
  });

  test.each<[string, Partial<ApiStageProps>, string]>([
    ["a stage name of letters, digits, - and _", { stageName: "prod/v1" }, "property 'stageName' must be 1 to 128 letters, digits, '-' or '_', got \"prod/v1\""],
    ["a rate limit within 1–10000", { throttlingRateLimit: 0 }, "property 'throttlingRateLimit' must be a whole number from 1 to 10000, got 0"],
    ["a burst within 1–5000", { throttlingBurstLimit: 5001 }, "property 'throttlingBurstLimit' must be a whole number from 1 to 5000, got 5001"],
    ["a CloudWatch retention period", { logRetentionDays: 2 }, "property 'logRetentionDays' must be one of 1, 3, 5"],
  ])("demands %s, naming the construct", (_rule, props, message) => {
    expect(() => synth("max-age=1", props)).toThrow(`stack/api: ${message}`);
  });
});
