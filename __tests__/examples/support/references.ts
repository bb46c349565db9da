import { SynthesizedStack } from "../../support/terraform-json";

/** The resource name in a `${<type>.<name>.<attribute>}` reference, checking its type and attribute. */
export function referencedName(value: unknown, type: string, attribute: string): string {
  const match = /^\$\{([a-z0-9_]+)\.([A-Za-z0-9_-]+)\.([a-z_]+)\}$/.exec(String(value));
  if (match === null || match[1] !== type || match[3] !== attribute) {
    throw new Error(`expected a reference to ${type}.*.${attribute}, got ${String(value)}`);
  }
  return match[2];
}

/** Every path of the API by `aws_api_gateway_resource` name, built by walking `parent_id` up to the root. */
export function resourcePaths(stack: SynthesizedStack): Map<string, string> {
  const resources = stack.resource?.aws_api_gateway_resource ?? {};
  const pathOf = (name: string): string => {
    const resource = resources[name];
    const parent = String(resource.parent_id);
    const prefix = /\.root_resource_id\}$/.test(parent) ? "" : pathOf(referencedName(parent, "aws_api_gateway_resource", "id"));
    return `${prefix}/${String(resource.path_part)}`;
  };
  return new Map(Object.keys(resources).map((name) => [name, pathOf(name)]));
}

/** The path a `resource_id` points at: `/` for the API's root resource. */
export function pathOfResourceId(stack: SynthesizedStack, resourceId: unknown): string {
  if (/^\$\{aws_api_gateway_rest_api\.[A-Za-z0-9_-]+\.root_resource_id\}$/.test(String(resourceId))) {
    return "/";
  }
  const found = resourcePaths(stack).get(referencedName(resourceId, "aws_api_gateway_resource", "id"));
  if (found === undefined) {
    throw new Error(`no aws_api_gateway_resource for ${String(resourceId)}`);
  }
  return found;
}

/** `"GET /orders/{id}"` → the method block, for every `aws_api_gateway_method`. */
export function methodsByRoute(stack: SynthesizedStack): Map<string, Record<string, unknown>> {
  return new Map(
    Object.values(stack.resource?.aws_api_gateway_method ?? {}).map((method) => [
      `${String(method.http_method)} ${pathOfResourceId(stack, method.resource_id)}`,
      method,
    ]),
  );
}

/** `"GET /orders/{id}"` → the integration block, for every `aws_api_gateway_integration`. */
export function integrationsByRoute(stack: SynthesizedStack): Map<string, Record<string, unknown>> {
  return new Map(
    Object.values(stack.resource?.aws_api_gateway_integration ?? {}).map((integration) => [
      `${httpMethodOf(stack, integration.http_method)} ${pathOfResourceId(stack, integration.resource_id)}`,
      integration,
    ]),
  );
}

/** An `http_method` that is either literal or a reference to a method's. */
function httpMethodOf(stack: SynthesizedStack, value: unknown): string {
  if (!String(value).startsWith("${")) {
    return String(value);
  }
  const method = stack.resource?.aws_api_gateway_method?.[referencedName(value, "aws_api_gateway_method", "http_method")];
  return String(method?.http_method);
}
