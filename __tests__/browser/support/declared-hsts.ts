import { readFileSync } from "node:fs";

const GATEWAY_HEADER = "gatewayresponse.header.Strict-Transport-Security";

/**
 * The `Strict-Transport-Security` value the synthesized stack declares, read from its gateway responses
 * (static values are single-quoted there) and its backend's `SECURITY_HEADERS`, so the browser check
 * holds no second copy of it.
 *
 * @throws Error when the stack declares no HSTS value or more than one different value
 */
export function declaredHsts(stackJsonPath: string): string {
  const stack: unknown = JSON.parse(readFileSync(stackJsonPath, "utf8"));
  const values = new Set<string>();
  for (const response of resourcesOfType(stack, "aws_api_gateway_gateway_response")) {
    const parameters = field(response, "response_parameters");
    const quoted = field(parameters, GATEWAY_HEADER);
    if (typeof quoted === "string") values.add(quoted.replace(/^'(.*)'$/, "$1"));
  }
  for (const lambda of resourcesOfType(stack, "aws_lambda_function")) {
    const headers = field(field(field(lambda, "environment"), "variables"), "SECURITY_HEADERS");
    if (typeof headers !== "string") continue;
    const parsed: unknown = JSON.parse(headers);
    const value = field(parsed, "Strict-Transport-Security");
    if (typeof value === "string") values.add(value);
  }
  if (values.size !== 1) {
    throw new Error(
      `${stackJsonPath} must declare exactly one Strict-Transport-Security value, found ${values.size}: ${[...values].join(" | ")}`,
    );
  }
  return [...values][0] as string;
}

function resourcesOfType(stack: unknown, type: string): unknown[] {
  const byName = field(field(stack, "resource"), type);
  return typeof byName === "object" && byName !== null ? Object.values(byName) : [];
}

function field(value: unknown, name: string): unknown {
  return typeof value === "object" && value !== null && name in value ? (value as Record<string, unknown>)[name] : undefined;
}
