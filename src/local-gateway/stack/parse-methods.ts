import { parseIntegrations } from "./parse-integrations";
import type { AuthorizerModel, MethodModel, ResourceModel } from "./stack-model";
import { blocksOfType } from "./stack-json";
import type { StackReader } from "./stack-reader";
import type { Address } from "./terraform-references";

const METHODS = new Set(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "ANY"]);

/**
 * Attaches every `aws_api_gateway_method`, with its authorizer and integration, to its resource. Only what
 * the local gateway can serve faithfully is accepted: NONE or CUSTOM (Lambda) authorization, no API keys,
 * no request validation, and an integration for every method.
 */
export function parseMethods(reader: StackReader, root: ResourceModel, authorizers: ReadonlyMap<Address, AuthorizerModel>): void {
  const byAddress = new Map<string, ResourceModel>();
  const index = (node: ResourceModel): void => {
    byAddress.set(node.address, node);
    node.children.forEach(index);
  };
  index(root);
  const integrations = parseIntegrations(reader);
  for (const [address, block] of blocksOfType(reader.stack, "aws_api_gateway_method")) {
    const resource = byAddress.get(reader.resolve(block.resource_id, `${address}.resource_id`) ?? "");
    const httpMethod = (reader.text(block, "http_method", address) ?? "").toUpperCase();
    if (resource === undefined) {
      reader.problems.push(`${address}.resource_id must reference a resource of ${reader.restAddress}, got ${JSON.stringify(block.resource_id)}`);
      continue;
    }
    if (!METHODS.has(httpMethod)) {
      reader.problems.push(`${address}.http_method must be one of ${[...METHODS].join(", ")}, got ${JSON.stringify(block.http_method)}`);
      continue;
    }
    if (block.api_key_required === true || block.api_key_required === "true") {
      reader.problems.push(`${address}.api_key_required is not supported locally (API keys and usage plans are not emulated)`);
    }
    if (block.request_validator_id !== undefined) {
      reader.problems.push(`${address}.request_validator_id is not supported locally (request validation is not emulated)`);
    }
    const authorization = reader.text(block, "authorization", address) ?? "";
    let authorizerAddress: Address | undefined;
    if (authorization === "CUSTOM") {
      authorizerAddress = reader.resolve(block.authorizer_id, `${address}.authorizer_id`);
      if (authorizerAddress === undefined || !authorizers.has(authorizerAddress)) {
        reader.problems.push(`${address}.authorizer_id must reference a Lambda aws_api_gateway_authorizer of the stack, got ${JSON.stringify(block.authorizer_id)}`);
        continue;
      }
    } else if (authorization !== "NONE") {
      reader.problems.push(`${address}.authorization ${JSON.stringify(authorization)} is not supported locally; use NONE or CUSTOM (a Lambda authorizer)`);
      continue;
    }
    const integration = integrations.get(`${resource.address} ${httpMethod}`);
    if (integration === undefined) {
      reader.problems.push(`${address} (${httpMethod} ${resource.path}) has no aws_api_gateway_integration; API Gateway would refuse to deploy it`);
      continue;
    }
    if (resource.methods.has(httpMethod)) {
      reader.problems.push(`${address} repeats ${httpMethod} ${resource.path}`);
      continue;
    }
    const method: MethodModel = { httpMethod, authorization, authorizerAddress, integration };
    resource.methods.set(httpMethod, method);
  }
}

/** Integrations keyed by `<resource address> <METHOD>`. */
