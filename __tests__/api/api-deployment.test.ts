import { ApiGatewayDeployment } from "@cdktf/provider-aws/lib/api-gateway-deployment";
import { ApiGatewayGatewayResponse } from "@cdktf/provider-aws/lib/api-gateway-gateway-response";
import { ApiGatewayStage } from "@cdktf/provider-aws/lib/api-gateway-stage";
import { Testing } from "cdktf";
import { ApiDeployment, ApiDeploymentProps } from "../../src/api/api-deployment";
import { restApi } from "../support/fixtures";
import { onlyResource, parseStack } from "../support/terraform-json";

/** Synthesizes a deployment over one gateway response whose HSTS value is `hsts`. */
function synth(hsts: string, stageName = "prod"): string {
  return Testing.synthScope((scope) => {
    const api = restApi(scope);
    const response = new ApiGatewayGatewayResponse(scope, "unauthorized", {
      restApiId: api.id,
      responseType: "UNAUTHORIZED",
      responseParameters: { "gatewayresponse.header.Strict-Transport-Security": `'${hsts}'` },
    });
    new ApiDeployment(scope, "api", { restApi: api, stageName, content: [response] });
  });
}

function trigger(json: string): string {
  const deployment = onlyResource(parseStack(json), "aws_api_gateway_deployment");
  return (deployment.triggers as Record<string, string>).redeployment;
}

describe("ApiDeployment", () => {
  const synthesized = synth("max-age=31536000");

  test("triggers redeployment from a SHA-1 of the content", () => {
    expect(trigger(synthesized)).toMatch(/^[0-9a-f]{40}$/);
  });

  test("changing a header value changes the redeployment trigger", () => {
    expect(trigger(synth("max-age=600"))).not.toBe(trigger(synthesized));
  });

  test("synthesizing unchanged content gives the same trigger", () => {
    expect(trigger(synth("max-age=31536000"))).toBe(trigger(synthesized));
  });

  test("is created before the old deployment is destroyed", () => {
    expect(synthesized).toHaveResourceWithProperties(ApiGatewayDeployment, { lifecycle: { create_before_destroy: true } });
  });

  test("waits for the content it snapshots", () => {
    expect(onlyResource(parseStack(synthesized), "aws_api_gateway_deployment").depends_on).toEqual([
      "aws_api_gateway_gateway_response.unauthorized",
    ]);
  });

  test("leaves the stage to its own resource, not the deprecated stage_name", () => {
    const stack = parseStack(synthesized);
    expect(onlyResource(stack, "aws_api_gateway_deployment")).not.toHaveProperty("stage_name");
    const [deploymentName] = Object.keys(stack.resource?.aws_api_gateway_deployment ?? {});
    expect(synthesized).toHaveResourceWithProperties(ApiGatewayStage, {
      stage_name: "prod",
      deployment_id: `\${aws_api_gateway_deployment.${deploymentName}.id}`,
    });
  });

  test("traces the stage with X-Ray", () => {
    expect(synthesized).toHaveResourceWithProperties(ApiGatewayStage, { xray_tracing_enabled: true });
  });

  test("writes JSON access logs, without header values, to its own group kept 14 days", () => {
    const stack = parseStack(synthesized);
    const [groupName, group] = Object.entries(stack.resource?.aws_cloudwatch_log_group ?? {}).find(([, g]) => String(g.name).endsWith("/access")) ?? [];
    expect(group).toMatchObject({ name: "/aws/apigateway/${aws_api_gateway_rest_api.rest_api.name}/prod/access", retention_in_days: 14 });
    const settings = (onlyResource(stack, "aws_api_gateway_stage") as { access_log_settings: { destination_arn: string; format: string } }).access_log_settings;
    expect(settings.destination_arn).toBe(`\${aws_cloudwatch_log_group.${groupName}.arn}`);
    const format = JSON.parse(settings.format) as Record<string, string>;
    expect(format).toMatchObject({ requestId: "$context.requestId", errorResponseType: "$context.error.responseType", authorizerStatus: "$context.authorizer.status" });
    expect(Object.values(format).some((v) => v.includes("request.header"))).toBe(false);
  });

  test("creates the execution log group API Gateway would otherwise create without expiry", () => {
    expect(Object.values(parseStack(synthesized).resource?.aws_cloudwatch_log_group ?? {})).toContainEqual(
      expect.objectContaining({ name: "API-Gateway-Execution-Logs_${aws_api_gateway_rest_api.rest_api.id}/prod", retention_in_days: 14 }),
    );
  });

  test("logs execution errors only, never data traces, with detailed metrics and default throttling", () => {
    expect(onlyResource(parseStack(synthesized), "aws_api_gateway_method_settings")).toMatchObject({
      method_path: "*/*",
      settings: { logging_level: "ERROR", data_trace_enabled: false, metrics_enabled: true, throttling_rate_limit: 100, throttling_burst_limit: 50 },
    });
  });

  test.each<[string, Partial<ApiDeploymentProps>, string]>([
    ["a throttling rate of 0", { throttlingRateLimit: 0 }, "property 'throttlingRateLimit' must be a whole number from 1 to 10000, got 0"],
    ["a burst over 5000", { throttlingBurstLimit: 9999 }, "property 'throttlingBurstLimit' must be a whole number from 1 to 5000, got 9999"],
    ["a retention CloudWatch does not offer", { logRetentionDays: 2 }, "property 'logRetentionDays' must be one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653 (days), got 2"],
  ])("rejects %s", (_rule, props, message) => {
    expect(() =>
      Testing.synthScope((scope) => {
        new ApiDeployment(scope, "api", { restApi: restApi(scope), stageName: "prod", content: [], ...props });
      }),
    ).toThrow(message);
  });

  test("rejects a stage name that cannot be a URL segment", () => {
    expect(() => synth("max-age=1", "prod/v1")).toThrow("property 'stageName' must be 1 to 128 letters, digits, '-' or '_', got \"prod/v1\"");
  });
});
