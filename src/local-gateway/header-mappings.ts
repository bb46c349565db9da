import { ContextValues, isKnownContextVariable } from "./render/request-context";
import type { HeaderMapping, HeaderValueSource } from "./stack/stack-model";
import type { IncomingRequest } from "./parse/incoming-request";
import { readStaticValue } from "./static-value";

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/**
 * Parses `response_parameters` (`<keyPrefix><Name>` → `'static'` or a mapping expression), the way API
 * Gateway reads them at deployment: a value that is neither quoted nor a known expression is the classic
 * "Invalid mapping expression specified" — refused here at start-up too.
 */
export function parseHeaderMappings(
  parameters: unknown,
  keyPrefix: string,
  where: string,
): { mappings: HeaderMapping[]; problems: string[] } {
  const mappings: HeaderMapping[] = [];
  const problems: string[] = [];
  if (parameters === undefined || parameters === null) {
    return { mappings, problems };
  }
  if (typeof parameters !== "object" || Array.isArray(parameters)) {
    return { mappings, problems: [`${where} must be an object of "${keyPrefix}<Name>" to value`] };
  }
  for (const [key, value] of Object.entries(parameters as Record<string, unknown>)) {
    if (!key.startsWith(keyPrefix) || !HEADER_NAME.test(key.slice(keyPrefix.length))) {
      problems.push(`${where} key ${JSON.stringify(key)} must be "${keyPrefix}<Header-Name>"`);
      continue;
    }
    const source = typeof value === "string" ? headerValueSource(value) : undefined;
    if (source === undefined) {
      problems.push(
        `${where}.${key} has the invalid mapping expression ${JSON.stringify(value)}; use a single-quoted static value ('…'), method.request.header|querystring|path.<name>, context.<variable> or stageVariables.<name>`,
      );
      continue;
    }
    mappings.push({ name: key.slice(keyPrefix.length), source });
  }
  return { mappings, problems };
}

function headerValueSource(value: string): HeaderValueSource | undefined {
  const literal = readStaticValue(value);
  if (literal !== undefined) {
    return { kind: "static", value: literal };
  }
  const request = /^method\.request\.(header|querystring|path)\.([^.\s]+)$/.exec(value);
  if (request) {
    const kind = request[1] === "header" ? "requestHeader" : request[1] === "querystring" ? "requestQuerystring" : "requestPath";
    return { kind, name: request[2] };
  }
  const context = /^context\.([A-Za-z0-9_.-]+)$/.exec(value);
  if (context && isKnownContextVariable(context[1])) {
    return { kind: "context", path: context[1] };
  }
  const stage = /^stageVariables\.([A-Za-z0-9_-]+)$/.exec(value);
  return stage ? { kind: "stageVariable", name: stage[1] } : undefined;
}

/** The value of one mapping for a request; `undefined` leaves the header out, as API Gateway does. */
export function headerValue(
  source: HeaderValueSource,
  request: IncomingRequest,
  pathParameters: Readonly<Record<string, string>>,
  context: ContextValues,
  stageVariables: Readonly<Record<string, string>>,
): string | undefined {
  switch (source.kind) {
    case "static":
      return source.value;
    case "requestHeader":
      return request.header(source.name);
    case "requestQuerystring": {
      const values = request.query.get(source.name);
      return values === undefined ? undefined : values[values.length - 1];
    }
    case "requestPath":
      return pathParameters[source.name];
    case "context":
      return context.get(source.path);
    case "stageVariable":
      return stageVariables[source.name];
  }
}
