/**
 * One JSON line per request in the stage's access log: who called, what the authorizer and the
 * integration did, and which gateway response (if any) answered — never a header value.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-mapping-template-reference.html#context-variable-reference
 */
export const ACCESS_LOG_FORMAT = JSON.stringify({
  requestId: "$context.requestId",
  extendedRequestId: "$context.extendedRequestId",
  requestTime: "$context.requestTime",
  sourceIp: "$context.identity.sourceIp",
  userAgent: "$context.identity.userAgent",
  protocol: "$context.protocol",
  httpMethod: "$context.httpMethod",
  resourcePath: "$context.resourcePath",
  status: "$context.status",
  responseLength: "$context.responseLength",
  responseLatency: "$context.responseLatency",
  errorResponseType: "$context.error.responseType",
  authorizerStatus: "$context.authorizer.status",
  authorizerLatency: "$context.authorizer.latency",
  principalId: "$context.authorizer.principalId",
  integrationStatus: "$context.integration.status",
  integrationLatency: "$context.integration.latency",
  xrayTraceId: "$context.xrayTraceId",
});
