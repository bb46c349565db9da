import { isResponseType } from "../../gateway-responses/response-type";
import { parseHeaderMappings } from "../header-mappings";
import type { GatewayResponseModel } from "./stack-model";
import { blocksOfType } from "./stack-json";
import type { StackReader } from "./stack-reader";

/** The customised gateway responses by type: status override, header mappings, templates. */
export function parseGatewayResponses(reader: StackReader): Map<string, GatewayResponseModel> {
  const result = new Map<string, GatewayResponseModel>();
  for (const [address, block] of blocksOfType(reader.stack, "aws_api_gateway_gateway_response")) {
    const type = reader.text(block, "response_type", address);
    if (!isResponseType(type)) {
      reader.problems.push(`${address}.response_type ${JSON.stringify(type)} is not a gateway response type`);
      continue;
    }
    if (result.has(type)) {
      reader.problems.push(`${address} customises ${type} a second time`);
      continue;
    }
    const status = block.status_code === undefined ? undefined : reader.text(block, "status_code", address);
    if (status !== undefined && !/^[1-5]\d\d$/.test(status)) {
      reader.problems.push(`${address}.status_code must be an HTTP status code, got ${JSON.stringify(block.status_code)}`);
    }
    const { mappings, problems } = parseHeaderMappings(block.response_parameters, "gatewayresponse.header.", `${address}.response_parameters`);
    reader.problems.push(...problems);
    result.set(type, {
      type,
      statusCode: status === undefined ? undefined : Number(status),
      headers: mappings,
      templates: reader.templates(block.response_templates, `${address}.response_templates`),
    });
  }
  return result;
}

