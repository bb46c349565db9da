import { show } from "../validation/config-error";
import { isResponseType, RESPONSE_TYPES, ResponseType, ResponseTypeName } from "./response-type";

/** How one gateway-generated response is customised. */
export interface GatewayResponseSpec {
  /** Which response API Gateway generates. */
  readonly type: ResponseTypeName;
  /**
   * The HTTP status code to answer with; within the type's class (4XX or 5XX).
   * @default - the type's own status code (on DEFAULT_4XX/DEFAULT_5XX: each falling-back type keeps its own)
   */
  readonly statusCode?: number;
  /**
   * The literal `message` of the JSON body `{"message":"…"}`.
   * @default - a fixed message per type in AWS's wording (see {@link DEFAULT_MESSAGES})
   */
  readonly message?: string;
}

/**
 * The body message of each type unless told otherwise: AWS's own wording and body shape, but fixed text.
 * AWS's default template echoes `$context.error.messageString`, which can carry what the caller sent
 * (signature errors quote the `Authorization` header); a fixed message never reflects caller input.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/supported-gateway-response-types.html
 */
export const DEFAULT_MESSAGES: Readonly<Record<ResponseTypeName, string>> = Object.freeze({
  ACCESS_DENIED: "User is not authorized to access this resource",
  API_CONFIGURATION_ERROR: "Internal server error",
  AUTHORIZER_CONFIGURATION_ERROR: "Internal server error",
  AUTHORIZER_FAILURE: "Internal server error",
  BAD_REQUEST_BODY: "Invalid request body",
  BAD_REQUEST_PARAMETERS: "Missing required request parameters",
  DEFAULT_4XX: "Bad request",
  DEFAULT_5XX: "Internal server error",
  EXPIRED_TOKEN: "The security token included in the request is expired",
  INTEGRATION_FAILURE: "Internal server error",
  INTEGRATION_TIMEOUT: "Endpoint request timed out",
  INVALID_API_KEY: "Forbidden",
  INVALID_SIGNATURE: "The request signature is invalid",
  MISSING_AUTHENTICATION_TOKEN: "Missing Authentication Token",
  QUOTA_EXCEEDED: "Limit Exceeded",
  REQUEST_TOO_LARGE: "Request Too Long",
  RESOURCE_NOT_FOUND: "Not Found",
  THROTTLED: "Too Many Requests",
  UNAUTHORIZED: "Unauthorized",
  UNSUPPORTED_MEDIA_TYPE: "Unsupported Media Type",
  WAF_FILTERED: "Forbidden",
});

/** The types whose default status is a server error; every other type answers 4XX. */
const SERVER_ERROR_TYPES: ReadonlySet<ResponseTypeName> = new Set([
  ResponseType.API_CONFIGURATION_ERROR,
  ResponseType.AUTHORIZER_CONFIGURATION_ERROR,
  ResponseType.AUTHORIZER_FAILURE,
  ResponseType.DEFAULT_5XX,
  ResponseType.INTEGRATION_FAILURE,
  ResponseType.INTEGRATION_TIMEOUT,
]);

/** The range a type's status code must stay in: a client error stays a client error, and so on. */
export function statusClass(type: ResponseTypeName): { readonly min: number; readonly max: number } {
  return SERVER_ERROR_TYPES.has(type) ? { min: 500, max: 599 } : { min: 400, max: 499 };
}

/** The `application/json` body template of a response: fixed text, never caller input. */
export function responseTemplate(spec: GatewayResponseSpec): string {
  return JSON.stringify({ message: spec.message ?? DEFAULT_MESSAGES[spec.type] });
}

/**
 * The response of every type API Gateway generates, with `overrides` applied and the opted-out types
 * left out, in the order of {@link RESPONSE_TYPES}.
 */
export function resolveGatewayResponses(
  overrides: readonly GatewayResponseSpec[],
  withoutHeaderPolicy: readonly ResponseTypeName[],
): GatewayResponseSpec[] {
  const byType = new Map(overrides.map((spec) => [spec.type, spec]));
  return RESPONSE_TYPES.filter((type) => !withoutHeaderPolicy.includes(type)).map((type) => byType.get(type) ?? { type });
}

/** Every problem with a list of overrides; `field` prefixes the property names in the messages. */
export function gatewayResponseProblems(specs: unknown, field = "gatewayResponses"): string[] {
  if (!Array.isArray(specs)) {
    return [`property '${field}' must be a list of {type, statusCode?, message?}, got ${show(specs)}`];
  }
  const problems: string[] = [];
  const seen = new Set<string>();
  specs.forEach((spec: unknown, index) => {
    const at = `${field}[${index}]`;
    if (typeof spec !== "object" || spec === null || Array.isArray(spec)) {
      problems.push(`property '${at}' must be an object {type, statusCode?, message?}, got ${show(spec)}`);
      return;
    }
    const { type, statusCode, message, ...rest } = spec as Record<string, unknown>;
    for (const unknownKey of Object.keys(rest)) {
      problems.push(`property '${at}.${unknownKey}' is not known; allowed: type, statusCode, message`);
    }
    if (!isResponseType(type)) {
      problems.push(`property '${at}.type' must be one of ${RESPONSE_TYPES.join(", ")}, got ${show(type)}`);
    } else if (seen.has(type)) {
      problems.push(`property '${at}.type' repeats ${type}; each response type may be customised once`);
    } else {
      seen.add(type);
      if (statusCode !== undefined) {
        const { min, max } = statusClass(type);
        if (typeof statusCode !== "number" || !Number.isInteger(statusCode) || statusCode < min || statusCode > max) {
          // A 2XX or 3XX on UNAUTHORIZED would tell clients (and caches) that a refused request succeeded.
          problems.push(`property '${at}.statusCode' of ${type} must be a whole number from ${min} to ${max}, got ${show(statusCode)}`);
        }
      }
    }
    if (message !== undefined && (typeof message !== "string" || message.length === 0 || /[$\u0000-\u001f]/.test(message))) {
      // `$` would start a template variable: API Gateway substitutes `$context.*` in the body template.
      problems.push(`property '${at}.message' must be non-empty text without '$' or control characters, got ${show(message)}`);
    }
  });
  return problems;
}

/** `problems` for the explicit opt-out list: every type named must be real, and named once. */
export function withoutHeaderPolicyProblems(field: string, value: unknown): string[] {
  if (!Array.isArray(value)) {
    return [`property '${field}' must be a list of response types, got ${show(value)}`];
  }
  return value.flatMap((type: unknown, index) =>
    !isResponseType(type)
      ? [`property '${field}[${index}]' must be one of ${RESPONSE_TYPES.join(", ")}, got ${show(type)}`]
      : value.indexOf(type) !== index
        ? [`property '${field}' names ${type} twice`]
        : [],
  );
}
