import { parseIdentitySources } from "../authorizer/identity-sources";
import type { AuthorizerModel } from "./stack-model";
import { blocksOfType } from "./stack-json";
import type { StackReader } from "./stack-reader";
import { Address, referencedAddresses } from "./terraform-references";

/** Terraform's default for `authorizer_result_ttl_in_seconds`. */
const DEFAULT_AUTHORIZER_TTL_SECONDS = 300;

/**
 * The Lambda authorizers (REQUEST and TOKEN; TOKEN is Terraform's default type), with their identity
 * sources (TOKEN defaults to the Authorization header), result TTL and validation expression.
 */
export function parseAuthorizers(reader: StackReader): Map<Address, AuthorizerModel> {
  const result = new Map<Address, AuthorizerModel>();
  for (const [address, block] of blocksOfType(reader.stack, "aws_api_gateway_authorizer")) {
    const type = reader.text(block, "type", address) ?? "TOKEN";
    if (type !== "REQUEST" && type !== "TOKEN") {
      reader.problems.push(`${address}.type ${JSON.stringify(type)} is not supported locally; supported: REQUEST, TOKEN (Lambda authorizers)`);
      continue;
    }
    const [functionAddress] = referencedAddresses(block.authorizer_uri, "aws_lambda_function", ["invoke_arn", "arn", "qualified_arn", "qualified_invoke_arn"]);
    if (functionAddress === undefined) {
      reader.problems.push(`${address}.authorizer_uri must reference an aws_lambda_function of the stack (its invoke_arn), got ${JSON.stringify(block.authorizer_uri)}`);
      continue;
    }
    reader.functionAt(functionAddress);
    const identitySource = reader.text(block, "identity_source", address) ?? "method.request.header.Authorization";
    const { sources, problems } = parseIdentitySources(identitySource, type, `${address}.identity_source`);
    reader.problems.push(...problems);
    const ttl = block.authorizer_result_ttl_in_seconds === undefined ? DEFAULT_AUTHORIZER_TTL_SECONDS : Number(block.authorizer_result_ttl_in_seconds);
    if (!Number.isInteger(ttl) || ttl < 0 || ttl > 3600) {
      reader.problems.push(`${address}.authorizer_result_ttl_in_seconds must be a whole number from 0 to 3600, got ${JSON.stringify(block.authorizer_result_ttl_in_seconds)}`);
    }
    if (type === "REQUEST" && ttl > 0 && sources.length === 0) {
      reader.problems.push(`${address}: a REQUEST authorizer with caching on needs at least one identity source`);
    }
    let identityValidationExpression: RegExp | undefined;
    const expression = reader.text(block, "identity_validation_expression", address);
    if (expression !== undefined && expression !== "") {
      if (type !== "TOKEN") {
        reader.notes.push(`${address}.identity_validation_expression applies to TOKEN authorizers only; API Gateway ignores it here`);
      } else {
        try {
          identityValidationExpression = new RegExp(`^(?:${expression})$`);
        } catch {
          reader.problems.push(`${address}.identity_validation_expression is not a valid regular expression: ${JSON.stringify(expression)}`);
        }
      }
    }
    result.set(address, {
      address,
      name: reader.text(block, "name", address) ?? address,
      type,
      functionAddress,
      identitySources: sources,
      ttlSeconds: ttl,
      identityValidationExpression,
    });
  }
  return result;
}

