import { ResponseType, ResponseTypeName } from "../../gateway-responses/response-type";

/** What API Gateway does for one response type when nothing is customised. */
export interface BuiltInResponse {
  /** The type's own status code; `undefined` for DEFAULT_4XX/DEFAULT_5XX. */
  readonly statusCode?: number;
  /** The `x-amzn-errortype` header value. */
  readonly errorType: string;
  /** The body's key: AWS answers an access-denied with `{"Message": …}`, everything else with `{"message": …}`. */
  readonly bodyKey: "message" | "Message";
}

/**
 * The built-in responses. Status codes are AWS's documented defaults; error-type names follow what
 * API Gateway sends (and what LocalStack's parity tests record where AWS does not document them).
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/supported-gateway-response-types.html
 */
export const BUILT_IN_RESPONSES: Readonly<Record<ResponseTypeName, BuiltInResponse>> = {
  ACCESS_DENIED: { statusCode: 403, errorType: "AccessDeniedException", bodyKey: "Message" },
  API_CONFIGURATION_ERROR: { statusCode: 500, errorType: "ApiConfigurationException", bodyKey: "message" },
  AUTHORIZER_CONFIGURATION_ERROR: { statusCode: 500, errorType: "AuthorizerConfigurationException", bodyKey: "message" },
  AUTHORIZER_FAILURE: { statusCode: 500, errorType: "AuthorizerFailureException", bodyKey: "message" },
  BAD_REQUEST_BODY: { statusCode: 400, errorType: "BadRequestException", bodyKey: "message" },
  BAD_REQUEST_PARAMETERS: { statusCode: 400, errorType: "BadRequestException", bodyKey: "message" },
  DEFAULT_4XX: { errorType: "BadRequestException", bodyKey: "message" },
  DEFAULT_5XX: { errorType: "InternalServerErrorException", bodyKey: "message" },
  EXPIRED_TOKEN: { statusCode: 403, errorType: "ExpiredTokenException", bodyKey: "message" },
  INTEGRATION_FAILURE: { statusCode: 504, errorType: "InternalServerErrorException", bodyKey: "message" },
  INTEGRATION_TIMEOUT: { statusCode: 504, errorType: "InternalServerErrorException", bodyKey: "message" },
  INVALID_API_KEY: { statusCode: 403, errorType: "ForbiddenException", bodyKey: "message" },
  INVALID_SIGNATURE: { statusCode: 403, errorType: "InvalidSignatureException", bodyKey: "message" },
  MISSING_AUTHENTICATION_TOKEN: { statusCode: 403, errorType: "MissingAuthenticationTokenException", bodyKey: "message" },
  QUOTA_EXCEEDED: { statusCode: 429, errorType: "LimitExceededException", bodyKey: "message" },
  REQUEST_TOO_LARGE: { statusCode: 413, errorType: "RequestTooLargeException", bodyKey: "message" },
  RESOURCE_NOT_FOUND: { statusCode: 404, errorType: "ResourceNotFoundException", bodyKey: "message" },
  THROTTLED: { statusCode: 429, errorType: "TooManyRequestsException", bodyKey: "message" },
  UNAUTHORIZED: { statusCode: 401, errorType: "UnauthorizedException", bodyKey: "message" },
  UNSUPPORTED_MEDIA_TYPE: { statusCode: 415, errorType: "UnsupportedMediaTypeException", bodyKey: "message" },
  WAF_FILTERED: { statusCode: 403, errorType: "WafFilteredException", bodyKey: "message" },
};

/**
 * An error the gateway itself answers: which response type renders it, the message behind
 * `$context.error.message` (`null` where AWS sends `{"message":null}`), and — for errors API Gateway
 * answers through DEFAULT_4XX/5XX with a status of its own, such as the 502 of a failing Lambda proxy —
 * the status code and error type to use when the stack sets none.
 */
export interface GatewayError {
  readonly type: ResponseTypeName;
  readonly message: string | null;
  readonly statusCode?: number;
  readonly errorType?: string;
  /**
   * The message is built from what the caller sent (an `Authorization` header), so a response that
   * shows it is rendered for each request and never kept.
   * @default false
   */
  readonly quotesRequest?: boolean;
}

/** The errors of the request path, with AWS's messages. */
export const GatewayErrors = {
  missingAuthenticationToken: (): GatewayError => ({ type: ResponseType.MISSING_AUTHENTICATION_TOKEN, message: "Missing Authentication Token" }),
  /** An unknown route whose `Authorization` header is not a SigV4 signature (`route/incomplete-signature.ts`). */
  incompleteSignature: (message: string): GatewayError => ({
    type: ResponseType.MISSING_AUTHENTICATION_TOKEN,
    message,
    errorType: "IncompleteSignatureException",
    quotesRequest: true,
  }),
  unauthorized: (): GatewayError => ({ type: ResponseType.UNAUTHORIZED, message: "Unauthorized" }),
  explicitDeny: (): GatewayError => ({ type: ResponseType.ACCESS_DENIED, message: "User is not authorized to access this resource with an explicit deny" }),
  implicitDeny: (): GatewayError => ({ type: ResponseType.ACCESS_DENIED, message: "User is not authorized to access this resource" }),
  authorizerConfiguration: (): GatewayError => ({ type: ResponseType.AUTHORIZER_CONFIGURATION_ERROR, message: null }),
  lambdaProxyFailure: (): GatewayError => ({ type: ResponseType.DEFAULT_5XX, message: "Internal server error", statusCode: 502, errorType: "InternalServerErrorException" }),
  integrationTimeout: (): GatewayError => ({ type: ResponseType.INTEGRATION_TIMEOUT, message: "Endpoint request timed out" }),
  apiConfiguration: (): GatewayError => ({ type: ResponseType.API_CONFIGURATION_ERROR, message: "Internal server error" }),
  requestTooLarge: (): GatewayError => ({ type: ResponseType.REQUEST_TOO_LARGE, message: "Request Too Long" }),
} as const;
