import type { IncomingRequest } from "../parse/incoming-request";
import type { ContextValues } from "../render/request-context";
import type { IdentitySource } from "../stack/stack-model";

const SOURCE = /^(method\.request\.header|method\.request\.querystring|stageVariables|context)\.(.+)$/;

/**
 * Parses an authorizer's `identity_source`: comma-separated `method.request.header.<name>`,
 * `method.request.querystring.<name>`, `stageVariables.<name>` or `context.<name>`.
 * A TOKEN authorizer takes exactly one header.
 */
export function parseIdentitySources(
  value: string,
  type: "REQUEST" | "TOKEN",
  where: string,
): { sources: IdentitySource[]; problems: string[] } {
  const sources: IdentitySource[] = [];
  const problems: string[] = [];
  const parts = value.split(",").map((part) => part.trim()).filter((part) => part !== "");
  for (const part of parts) {
    const match = SOURCE.exec(part);
    if (!match) {
      problems.push(`${where} has the identity source ${JSON.stringify(part)}; expected method.request.header|querystring.<name>, stageVariables.<name> or context.<name>`);
      continue;
    }
    const kind =
      match[1] === "method.request.header" ? "header" : match[1] === "method.request.querystring" ? "querystring" : match[1] === "stageVariables" ? "stageVariable" : "context";
    sources.push({ kind, name: match[2] });
  }
  if (type === "TOKEN" && (sources.length !== 1 || sources[0].kind !== "header")) {
    problems.push(`${where} of a TOKEN authorizer must be exactly one method.request.header.<name>, got ${JSON.stringify(value)}`);
  }
  return { sources, problems };
}

/**
 * The values of the identity sources for one request, in order; `undefined` for a missing one.
 * Header names are matched case-insensitively; a repeated header or query parameter gives its last value,
 * the single value API Gateway's `method.request.header.<name>` and the event's `headers` hold.
 */
export function identityValues(
  sources: readonly IdentitySource[],
  request: IncomingRequest,
  stageVariables: Readonly<Record<string, string>>,
  context: ContextValues,
): (string | undefined)[] {
  return sources.map((source) => {
    switch (source.kind) {
      case "header":
        return request.header(source.name);
      case "querystring": {
        const values = request.query.get(source.name);
        return values?.[values.length - 1];
      }
      case "stageVariable":
        return stageVariables[source.name];
      case "context":
        return context.get(source.name);
    }
  });
}

/**
 * Every value of each identity source, in order, as the authorizer's event carries them (`headers` and
 * `multiValueHeaders`, `queryStringParameters` and `multiValueQueryStringParameters`). The authorizer cache
 * is keyed on these, so a request that repeats an identity header with different values can never leave
 * its decision cached under one of them alone — under another caller's credential.
 */
export function identityValueLists(
  sources: readonly IdentitySource[],
  request: IncomingRequest,
  stageVariables: Readonly<Record<string, string>>,
  context: ContextValues,
): (readonly string[] | undefined)[] {
  return sources.map((source) => {
    switch (source.kind) {
      case "header": {
        const values = request.headerValues(source.name);
        return values.length === 0 ? undefined : values;
      }
      case "querystring":
        return request.query.get(source.name);
      case "stageVariable": {
        const value = stageVariables[source.name];
        return value === undefined ? undefined : [value];
      }
      case "context": {
        const value = context.get(source.name);
        return value === undefined ? undefined : [value];
      }
    }
  });
}
