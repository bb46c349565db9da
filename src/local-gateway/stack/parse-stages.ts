import { localDeploymentId } from "../local-ids";
import type { StageModel } from "./stack-model";
import { asObject, blocksOfType } from "./stack-json";
import type { StackReader } from "./stack-reader";

/** The stages (and a deprecated `stage_name` on a deployment), with their variables. */
export function parseStages(reader: StackReader): StageModel[] {
  const stages: StageModel[] = [];
  for (const [address, block] of blocksOfType(reader.stack, "aws_api_gateway_stage")) {
    const name = reader.text(block, "stage_name", address);
    if (name === undefined) {
      reader.problems.push(`${address}.stage_name must be a string`);
      continue;
    }
    const variables: Record<string, string> = {};
    for (const [key, value] of Object.entries(asObject(block.variables) ?? {})) {
      variables[key] = String(value);
    }
    const deployment = typeof block.deployment_id === "string" ? block.deployment_id.replace(/^\$\{|\.id\}$/g, "") : address;
    stages.push({ name, variables, deploymentId: localDeploymentId(deployment), tracingEnabled: block.xray_tracing_enabled === true });
  }
  for (const [address, block] of blocksOfType(reader.stack, "aws_api_gateway_deployment")) {
    const name = block.stage_name === undefined ? undefined : reader.text(block, "stage_name", address);
    if (name !== undefined && !stages.some((stage) => stage.name === name)) {
      stages.push({ name, variables: {}, deploymentId: localDeploymentId(address), tracingEnabled: false });
    }
  }
  if (stages.length === 0) {
    reader.problems.push(`the stack declares no aws_api_gateway_stage for ${reader.restAddress}; there is no URL to serve`);
  }
  return stages;
}

