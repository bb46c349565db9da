/**
 * The response types API Gateway can generate itself, without reaching the integration.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/supported-gateway-response-types.html
 */
export const ResponseType = {
  ACCESS_DENIED: "ACCESS_DENIED",
  API_CONFIGURATION_ERROR: "API_CONFIGURATION_ERROR",
  AUTHORIZER_CONFIGURATION_ERROR: "AUTHORIZER_CONFIGURATION_ERROR",
  AUTHORIZER_FAILURE: "AUTHORIZER_FAILURE",
  BAD_REQUEST_BODY: "BAD_REQUEST_BODY",
  BAD_REQUEST_PARAMETERS: "BAD_REQUEST_PARAMETERS",
  DEFAULT_4XX: "DEFAULT_4XX",
  DEFAULT_5XX: "DEFAULT_5XX",
  EXPIRED_TOKEN: "EXPIRED_TOKEN",
  INTEGRATION_FAILURE: "INTEGRATION_FAILURE",
  INTEGRATION_TIMEOUT: "INTEGRATION_TIMEOUT",
  INVALID_API_KEY: "INVALID_API_KEY",
  INVALID_SIGNATURE: "INVALID_SIGNATURE",
  MISSING_AUTHENTICATION_TOKEN: "MISSING_AUTHENTICATION_TOKEN",
  QUOTA_EXCEEDED: "QUOTA_EXCEEDED",
  REQUEST_TOO_LARGE: "REQUEST_TOO_LARGE",
  RESOURCE_NOT_FOUND: "RESOURCE_NOT_FOUND",
  THROTTLED: "THROTTLED",
  UNAUTHORIZED: "UNAUTHORIZED",
  UNSUPPORTED_MEDIA_TYPE: "UNSUPPORTED_MEDIA_TYPE",
  WAF_FILTERED: "WAF_FILTERED",
} as const;

/** One of the {@link ResponseType} values. */
export type ResponseTypeName = (typeof ResponseType)[keyof typeof ResponseType];

/** Every response type, in alphabetical order. */
export const RESPONSE_TYPES: readonly ResponseTypeName[] = Object.freeze(Object.values(ResponseType));

const KNOWN: ReadonlySet<string> = new Set(RESPONSE_TYPES);

/** Whether `value` is a response type API Gateway knows. */
export function isResponseType(value: unknown): value is ResponseTypeName {
  return typeof value === "string" && KNOWN.has(value);
}
