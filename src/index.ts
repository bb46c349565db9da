/**
 * The package's public surface: constructs that put a REST API behind Lambda authorizers with one header
 * policy (HSTS first) on every response the gateway generates, their props, and the header policy.
 */
export { SecureRestApi, DEFAULT_STAGE_NAME } from "./rest-api/secure-rest-api";
export type { SecureRestApiProps } from "./rest-api/secure-rest-api";
export { Authorization } from "./rest-api/authorization";
export type { NoAuthorization } from "./rest-api/authorization";
export { Route } from "./rest-api/route";
export type { RouteOptions } from "./rest-api/route";
export type { MockResponse } from "./rest-api/mock-integration";
export { PathNode } from "./rest-api/path-node";
export { ApiStage, DEFAULT_STAGE_LOG_RETENTION_DAYS, DEFAULT_THROTTLING_BURST_LIMIT, DEFAULT_THROTTLING_RATE_LIMIT } from "./rest-api/api-stage";
export type { StageOptions } from "./rest-api/api-stage";
export { AccountLoggingRole } from "./rest-api/account-logging-role";
export type { AccountLoggingRoleProps } from "./rest-api/account-logging-role";

export { LambdaAuthorizer, DEFAULT_AUTHORIZER_TTL_SECONDS, MAX_AUTHORIZER_TTL_SECONDS } from "./authorizers/lambda-authorizer";
export type { LambdaAuthorizerProps } from "./authorizers/lambda-authorizer";
export { RequestAuthorizer } from "./authorizers/request-authorizer";
export type { RequestAuthorizerProps } from "./authorizers/request-authorizer";
export { TokenAuthorizer, DEFAULT_TOKEN_HEADER } from "./authorizers/token-authorizer";
export type { TokenAuthorizerProps } from "./authorizers/token-authorizer";
export { IdentitySource } from "./authorizers/identity-source";

export { CustomDomain, DOMAIN_SECURITY_POLICY } from "./domain/custom-domain";
export type { CustomDomainOptions } from "./domain/custom-domain";

export { GatewayResponses } from "./gateway-responses/gateway-responses";
export { DEFAULT_MESSAGES } from "./gateway-responses/gateway-response-spec";
export type { GatewayResponseSpec } from "./gateway-responses/gateway-response-spec";
export { ResponseType, RESPONSE_TYPES } from "./gateway-responses/response-type";
export type { ResponseTypeName } from "./gateway-responses/response-type";

export { SecurityHeaderPolicy, HSTS_HEADER } from "./security-headers/security-header-policy";
export type { SecurityHeaderPolicyProps } from "./security-headers/security-header-policy";
export type { HstsOptions } from "./security-headers/hsts";
export { CORS_METHODS } from "./security-headers/cors";
export type { CorsOptions } from "./security-headers/cors";

export { NodejsFunction } from "./lambda/nodejs-function";
export type { NodejsFunctionProps } from "./lambda/nodejs-function";
export type { LambdaHandler } from "./lambda/lambda-handler";
export type { PolicyStatement } from "./lambda/policy-statement";
export { LOG_RETENTION_DAYS } from "./lambda/log-retention";

export { ConfigError } from "./validation/config-error";
export { HTTP_METHODS } from "./validation/http-methods";
export type { HttpMethod } from "./validation/http-methods";
