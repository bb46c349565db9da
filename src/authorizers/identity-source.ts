import { show } from "../validation/config-error";

/**
 * Where a REQUEST authorizer's identity comes from. API Gateway keys its result cache on these values
 * together, and — with caching on — answers 401 itself when one of them is missing or empty.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/configure-api-gateway-lambda-authorization.html
 */
export const IdentitySource = {
  /** A request header, e.g. `x-custom-auth`. */
  header: (name: string): string => `method.request.header.${name}`,
  /** A query string parameter. */
  queryString: (name: string): string => `method.request.querystring.${name}`,
  /** A stage variable. */
  stageVariable: (name: string): string => `stageVariables.${name}`,
  /** A context variable, e.g. `sourceIp`. */
  context: (name: string): string => `context.${name}`,
} as const;

const TOKEN = "[!#$%&'*+\\-.^_`|~0-9A-Za-z]+";
const IDENTITY_SOURCE = new RegExp(
  `^(method\\.request\\.header\\.${TOKEN}|method\\.request\\.querystring\\.[A-Za-z0-9._~-]+|stageVariables\\.[A-Za-z0-9_]+|context\\.[A-Za-z0-9_.]+)$`,
);

/** `problems` for a list of identity sources. */
export function identitySourceProblems(field: string, sources: unknown, required: boolean): string[] {
  if (!Array.isArray(sources)) {
    return [`property '${field}' must be a list of identity sources (IdentitySource.header('x-api-key'), …), got ${show(sources)}`];
  }
  const problems: string[] = [];
  if (required && sources.length === 0) {
    problems.push(`property '${field}' must name at least one identity source while results are cached (resultTtlSeconds > 0): API Gateway keys its cache on them`);
  }
  sources.forEach((source: unknown, index) => {
    if (typeof source !== "string" || !IDENTITY_SOURCE.test(source)) {
      problems.push(
        `property '${field}[${index}]' must be method.request.header.<name>, method.request.querystring.<name>, stageVariables.<name> or context.<name>, got ${show(source)}`,
      );
    }
  });
  const lower = sources.filter((source): source is string => typeof source === "string").map((source) => source.toLowerCase());
  const repeated = lower.find((source, index) => lower.indexOf(source) !== index);
  if (repeated !== undefined) {
    problems.push(`property '${field}' names ${show(repeated)} twice`);
  }
  return problems;
}

