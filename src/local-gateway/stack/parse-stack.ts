import { readFileSync } from "node:fs";
import * as path from "node:path";
import { DEFAULT_LOCAL_REGION, LOCAL_ACCOUNT_ID, localApiId } from "../local-ids";
import { parseAuthorizers } from "./parse-authorizers";
import { parseGatewayResponses } from "./parse-gateway-responses";
import { parseMethods } from "./parse-methods";
import { parseResourceTree } from "./parse-resource-tree";
import { parseStages } from "./parse-stages";
import type { StackModel } from "./stack-model";
import { blocksOfType, readStackJson } from "./stack-json";
import { StackError } from "../stack-error";
import { StackReader } from "./stack-reader";

/** API Gateway resource types the local gateway serves. */
const SERVED_TYPES = new Set([
  "aws_api_gateway_rest_api",
  "aws_api_gateway_resource",
  "aws_api_gateway_method",
  "aws_api_gateway_integration",
  "aws_api_gateway_method_response",
  "aws_api_gateway_integration_response",
  "aws_api_gateway_authorizer",
  "aws_api_gateway_gateway_response",
  "aws_api_gateway_deployment",
  "aws_api_gateway_stage",
]);

/** Types that do not change what a client receives locally; each is named once at start-up. */
const NOTED_TYPES: Readonly<Record<string, string>> = {
  aws_api_gateway_account: "the account-level CloudWatch role is not used locally",
  aws_api_gateway_method_settings: "method settings (throttling, caching, logging) are not emulated",
  aws_api_gateway_domain_name: "custom domain names are not served; use the local URL",
  aws_api_gateway_base_path_mapping: "base path mappings are not served; use the local URL",
  aws_api_gateway_documentation_part: "documentation has no effect on requests",
  aws_api_gateway_documentation_version: "documentation has no effect on requests",
  aws_api_gateway_model: "models have no effect without a request validator",
  aws_api_gateway_usage_plan: "usage-plan throttling and quotas are not emulated",
  aws_api_gateway_client_certificate: "client certificates are used only towards HTTP backends",
};

/**
 * Reads the synthesized Terraform JSON (the file `terraform plan` reads) into the model the local gateway
 * serves. Function bundles are resolved relative to the file's folder, as Terraform resolves
 * `${path.module}`.
 *
 * @throws StackError listing every problem, when the stack uses anything the local gateway cannot serve
 *   faithfully.
 */
export function loadStack(stackJsonPath: string): StackModel {
  let text: string;
  try {
    text = readFileSync(stackJsonPath, "utf8");
  } catch (error: unknown) {
    throw new StackError(stackJsonPath, [`the file cannot be read (${error instanceof Error ? error.message : String(error)}); run \`npm run synth\` first`]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error: unknown) {
    throw new StackError(stackJsonPath, [`the file is not valid JSON (${error instanceof Error ? error.message : String(error)})`]);
  }
  return parseStack(json, path.dirname(path.resolve(stackJsonPath)), stackJsonPath);
}

/** {@link loadStack} for JSON already in memory. */
export function parseStack(json: unknown, stackDir: string, stackJsonPath = "the stack"): StackModel {
  const problems: string[] = [];
  const notes: string[] = [];
  const stack = readStackJson(json, problems);
  const model = parseModel(new StackReader(stack, stackDir, problems, notes));
  if (problems.length > 0 || model === undefined) {
    throw new StackError(stackJsonPath, problems.length > 0 ? problems : ["nothing to serve"]);
  }
  return model;
}

function parseModel(reader: StackReader): StackModel | undefined {
  const apis = blocksOfType(reader.stack, "aws_api_gateway_rest_api");
  if (apis.length !== 1) {
    reader.problems.push(
      apis.length === 0
        ? "the stack declares no aws_api_gateway_rest_api; there is nothing to serve"
        : `the stack declares ${apis.length} REST APIs (${apis.map(([a]) => a).join(", ")}); the local gateway serves exactly one`,
    );
    return undefined;
  }
  const [restAddress, api] = apis[0];
  reader.restAddress = restAddress;
  checkResourceTypes(reader);
  if (api.body !== undefined) {
    reader.problems.push(`${restAddress}.body (an OpenAPI definition) is not supported; declare resources and methods as Terraform resources`);
  }
  const apiName = reader.text(api, "name", restAddress) ?? restAddress;
  const binaryMediaTypes = Array.isArray(api.binary_media_types) ? api.binary_media_types.filter((t): t is string => typeof t === "string") : [];

  const authorizers = parseAuthorizers(reader);
  const root = parseResourceTree(reader);
  parseMethods(reader, root, authorizers);
  const gatewayResponses = parseGatewayResponses(reader);
  const stages = parseStages(reader);
  const regionValue = reader.stack.awsProvider?.region;
  const region = typeof regionValue === "string" && !regionValue.includes("${") ? regionValue : DEFAULT_LOCAL_REGION;
  if (region !== regionValue) {
    reader.notes.push(`the aws provider names no literal region; ARNs use ${region}`);
  }
  return {
    apiName,
    apiId: localApiId(restAddress),
    region,
    accountId: LOCAL_ACCOUNT_ID,
    root,
    stages,
    authorizers,
    functions: reader.functions,
    gatewayResponses,
    binaryMediaTypes,
    notes: reader.notes,
  };
}

function checkResourceTypes(reader: StackReader): void {
  for (const [type, blocks] of reader.stack.resources) {
    if (!type.startsWith("aws_api_gateway_")) {
      continue;
    }
    if (SERVED_TYPES.has(type)) {
      for (const [name, block] of blocks) {
        for (const meta of ["count", "for_each", "dynamic"]) {
          if (block[meta] !== undefined) {
            reader.problems.push(`${type}.${name} uses ${meta}; the local gateway reads only single, static blocks`);
          }
        }
        const api = block.rest_api_id;
        if (type !== "aws_api_gateway_rest_api" && api !== undefined && reader.resolve(api, `${type}.${name}.rest_api_id`) !== reader.restAddress) {
          reader.problems.push(`${type}.${name}.rest_api_id must reference ${reader.restAddress}, got ${JSON.stringify(api)}`);
        }
      }
    } else if (NOTED_TYPES[type] !== undefined) {
      reader.notes.push(`${type}: ${NOTED_TYPES[type]}`);
    } else {
      reader.problems.push(`${type} (${[...blocks.keys()].join(", ")}) is not supported by the local gateway, which would otherwise ignore it`);
    }
  }
}
