import { readFileSync } from "node:fs";
import type { Expectations } from "./expectations";
import { errorMessage } from "../error-message";

/** A stack file that cannot give the expectations; the message names the file and what is wrong. */
export class StackFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StackFileError";
  }
}

type JsonObject = Readonly<Record<string, unknown>>;

const isObject = (value: unknown): value is JsonObject => typeof value === "object" && value !== null && !Array.isArray(value);

const HEADER_PREFIX = "gatewayresponse.header.";
const IDENTITY_HEADER_PREFIX = "method.request.header.";

/**
 * Reads what the deployed stage must answer from a synthesized stack (`cdk.tf.json`): the first route
 * behind a custom authorizer, the header its authorizer reads the credential from, and the static headers
 * every gateway response declares (the policy the backend shares).
 *
 * @param shownAs how reports and errors name the file. @default - the path as given
 * @throws StackFileError when the file cannot be read or declares no route behind a custom authorizer.
 */
export function expectationsFromStack(file: string, shownAs: string = file): Expectations {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8"));
  } catch (error: unknown) {
    throw new StackFileError(`--stack ${shownAs}: cannot read it as JSON (${errorMessage(error)})`);
  }
  const resources = isObject(parsed) && isObject(parsed.resource) ? parsed.resource : {};
  const methods = entries(resources.aws_api_gateway_method);
  const authorized = methods.find(([, method]) => method.authorization === "CUSTOM");
  if (authorized === undefined) {
    throw new StackFileError(`--stack ${shownAs}: no aws_api_gateway_method with authorization CUSTOM, so no route to probe`);
  }
  const [, method] = authorized;
  const resourcePath = pathOf(method.resource_id, entries(resources.aws_api_gateway_resource));
  const routeMethods = methods
    .filter(([, other]) => other.resource_id === method.resource_id && typeof other.http_method === "string")
    .map(([, other]) => String(other.http_method).toUpperCase());
  return {
    source: shownAs,
    resourcePath,
    httpMethod: String(method.http_method).toUpperCase(),
    routeMethods,
    identityHeader: identityHeaderOf(method.authorizer_id, entries(resources.aws_api_gateway_authorizer)),
    headers: commonStaticHeaders(entries(resources.aws_api_gateway_gateway_response)),
  };
}

function entries(value: unknown): Array<[string, JsonObject]> {
  if (!isObject(value)) {
    return [];
  }
  return Object.entries(value)
    .filter((entry): entry is [string, JsonObject] => isObject(entry[1]))
    .sort(([a], [b]) => a.localeCompare(b));
}

/** `${aws_api_gateway_resource.<name>.id}` → `<name>`; anything else (the API's root) → undefined. */
function referencedName(reference: unknown, type: string): string | undefined {
  const match = typeof reference === "string" ? new RegExp(`^\\$\\{${type}\\.([A-Za-z0-9_-]+)\\.id\\}$`).exec(reference) : null;
  return match?.[1];
}

/** Walks parent_id up to the root; path parameters become a literal segment so a request can reach them. */
function pathOf(resourceId: unknown, resources: ReadonlyArray<[string, JsonObject]>): string {
  const byName = new Map(resources);
  const parts: string[] = [];
  let name = referencedName(resourceId, "aws_api_gateway_resource");
  while (name !== undefined && parts.length <= resources.length) {
    const resource = byName.get(name);
    if (resource === undefined) {
      break;
    }
    const part = String(resource.path_part ?? "");
    parts.unshift(/^\{.+\}$/.test(part) ? "verify" : part);
    name = referencedName(resource.parent_id, "aws_api_gateway_resource");
  }
  return `/${parts.join("/")}`;
}

/** The first `method.request.header.<name>` of the method's authorizer; the seed's header otherwise. */
function identityHeaderOf(authorizerId: unknown, authorizers: ReadonlyArray<[string, JsonObject]>): string {
  const name = referencedName(authorizerId, "aws_api_gateway_authorizer");
  const authorizer = authorizers.find(([other]) => other === name)?.[1];
  const sources = typeof authorizer?.identity_source === "string" ? authorizer.identity_source.split(",") : [];
  const header = sources.map((source) => source.trim()).find((source) => source.startsWith(IDENTITY_HEADER_PREFIX));
  // A TOKEN authorizer without identity_source reads Authorization (the provider's default).
  return (header?.slice(IDENTITY_HEADER_PREFIX.length) ?? "authorization").toLowerCase();
}

/**
 * The static header values (`'…'`) that every gateway response of the stack declares alike: the policy a
 * client must see on the gateway's own answers and, shared through the backend, on the integration's.
 */
function commonStaticHeaders(responses: ReadonlyArray<[string, JsonObject]>): Record<string, string> {
  const perResponse = responses.map(([, response]) => {
    const headers = new Map<string, string>();
    const parameters = isObject(response.response_parameters) ? response.response_parameters : {};
    for (const [key, value] of Object.entries(parameters)) {
      if (key.startsWith(HEADER_PREFIX) && typeof value === "string" && /^'.*'$/s.test(value)) {
        headers.set(key.slice(HEADER_PREFIX.length).toLowerCase(), value.slice(1, -1));
      }
    }
    return headers;
  });
  const common: Record<string, string> = {};
  for (const [name, value] of perResponse[0] ?? []) {
    if (perResponse.every((headers) => headers.get(name) === value)) {
      common[name] = value;
    }
  }
  return common;
}
