import { ApiGatewayDeployment } from "@cdktf/provider-aws/lib/api-gateway-deployment";
import { ApiGatewayGatewayResponse } from "@cdktf/provider-aws/lib/api-gateway-gateway-response";
import { ApiGatewayStage } from "@cdktf/provider-aws/lib/api-gateway-stage";
import { Testing } from "cdktf";
import { ApiDeployment } from "../../src/api/api-deployment";
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

  test("rejects a stage name that cannot be a URL segment", () => {
    expect(() => synth("max-age=1", "prod/v1")).toThrow("property 'stageName' must be 1 to 128 letters, digits, '-' or '_', got \"prod/v1\"");
  });
});
