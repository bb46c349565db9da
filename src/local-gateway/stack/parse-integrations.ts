import { parseHeaderMappings } from "../header-mappings";
import type { IntegrationModel, MockResponseModel } from "./stack-model";
import { asObject, blocksOfType } from "./stack-json";
import type { StackReader } from "./stack-reader";
import { Address, referencedAddresses, ResourceBlock } from "./terraform-references";

/** API Gateway's maximum integration timeout without a quota increase. */
const DEFAULT_INTEGRATION_TIMEOUT_MS = 29000;

/**
 * The integrations, keyed by `<resource address> <METHOD>`: Lambda proxy (`AWS_PROXY`, its function found
 * through the `uri`) and `MOCK` (with its method and integration responses). Other types are refused.
 */
export function parseIntegrations(reader: StackReader): Map<string, IntegrationModel> {
  const result = new Map<string, IntegrationModel>();
  for (const [address, block] of blocksOfType(reader.stack, "aws_api_gateway_integration")) {
    const key = reader.methodKey(block, address);
    const type = reader.text(block, "type", address);
    if (key === undefined) {
      continue;
    }
    if (type === "AWS_PROXY") {
      const [functionAddress] = referencedAddresses(block.uri, "aws_lambda_function", ["invoke_arn", "arn", "qualified_arn", "qualified_invoke_arn"]);
      if (functionAddress === undefined) {
        reader.problems.push(`${address}.uri must reference an aws_lambda_function of the stack (its invoke_arn), got ${JSON.stringify(block.uri)}`);
        continue;
      }
      // Recorded even when the function is unusable (that problem is reported once, on its own), so the
      // method is not also reported as having no integration.
      reader.functionAt(functionAddress);
      const timeout = block.timeout_milliseconds === undefined ? DEFAULT_INTEGRATION_TIMEOUT_MS : Number(block.timeout_milliseconds);
      if (!Number.isInteger(timeout) || timeout < 50) {
        reader.problems.push(`${address}.timeout_milliseconds must be a whole number of at least 50, got ${JSON.stringify(block.timeout_milliseconds)}`);
      }
      result.set(key, { type: "AWS_PROXY", functionAddress, timeoutMilliseconds: timeout });
    } else if (type === "MOCK") {
      const mock = parseMock(reader, block, address, key);
      if (mock !== undefined) {
        result.set(key, mock);
      }
    } else {
      reader.problems.push(`${address}.type ${JSON.stringify(type)} is not supported locally; supported: AWS_PROXY (Lambda proxy), MOCK`);
    }
  }
  return result;
}

function parseMock(reader: StackReader, block: ResourceBlock, address: Address, key: string): IntegrationModel | undefined {
  const templates = asObject(block.request_templates) ?? {};
  const template = templates["application/json"] ?? Object.values(templates)[0];
  let statusCode = 200;
  if (typeof template === "string") {
    const match = /"statusCode"\s*:\s*(\d{3})/.exec(template);
    if (!match) {
      reader.problems.push(`${address}.request_templates must select a status code as {"statusCode": <code>}, got ${JSON.stringify(template)}`);
      return undefined;
    }
    statusCode = Number(match[1]);
  }
  const declared = new Map<number, Set<string>>();
  for (const [responseAddress, response] of blocksOfType(reader.stack, "aws_api_gateway_method_response")) {
    if (reader.methodKey(response, responseAddress) !== key) {
      continue;
    }
    const code = Number(reader.text(response, "status_code", responseAddress));
    const headers = Object.keys(asObject(response.response_parameters) ?? {})
      .filter((name) => name.startsWith("method.response.header."))
      .map((name) => name.slice("method.response.header.".length).toLowerCase());
    declared.set(code, new Set(headers));
  }
  const responses: MockResponseModel[] = [];
  for (const [responseAddress, response] of blocksOfType(reader.stack, "aws_api_gateway_integration_response")) {
    if (reader.methodKey(response, responseAddress) !== key) {
      continue;
    }
    const code = Number(reader.text(response, "status_code", responseAddress));
    const allowed = declared.get(code);
    if (allowed === undefined) {
      reader.problems.push(`${responseAddress}.status_code ${code} has no aws_api_gateway_method_response for the same method; API Gateway would refuse it`);
      continue;
    }
    const { mappings, problems } = parseHeaderMappings(response.response_parameters, "method.response.header.", `${responseAddress}.response_parameters`);
    reader.problems.push(...problems);
    for (const mapping of mappings) {
      if (!allowed.has(mapping.name.toLowerCase())) {
        reader.problems.push(`${responseAddress} maps method.response.header.${mapping.name}, which the method response ${code} does not declare`);
      }
    }
    const responseTemplates = reader.templates(response.response_templates, `${responseAddress}.response_templates`);
    const pattern = typeof response.selection_pattern === "string" && response.selection_pattern !== "" ? response.selection_pattern : undefined;
    responses.push({
      statusCode: code,
      selectionPattern: pattern === undefined ? undefined : new RegExp(`^(?:${pattern})$`),
      headers: mappings,
      templates: responseTemplates,
    });
  }
  return { type: "MOCK", statusCode, responses };
}

