import type { APIGatewayRequestAuthorizerEvent } from "aws-lambda";

export const METHOD_ARN = "arn:aws:execute-api:ap-northeast-1:123456789012:abcdef1234/prod/GET/test";
export const STAGE_WIDE = "arn:aws:execute-api:ap-northeast-1:123456789012:abcdef1234/prod/*/*";

/** A REQUEST authorizer event as API Gateway sends it for a REST API, with the given headers. */
export function requestEvent(
  headers: Record<string, string> | null,
  overrides: Partial<APIGatewayRequestAuthorizerEvent> = {},
): APIGatewayRequestAuthorizerEvent {
  const multiValueHeaders = headers === null ? null : Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]]));
  return {
    type: "REQUEST",
    methodArn: METHOD_ARN,
    resource: "/test",
    path: "/test",
    httpMethod: "GET",
    headers,
    multiValueHeaders,
    pathParameters: null,
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    stageVariables: null,
    requestContext: {
      accountId: "123456789012",
      apiId: "abcdef1234",
      authorizer: undefined,
      protocol: "HTTP/1.1",
      httpMethod: "GET",
      identity: {} as APIGatewayRequestAuthorizerEvent["requestContext"]["identity"],
      path: "/prod/test",
      stage: "prod",
      requestId: "req-1",
      requestTimeEpoch: 0,
      resourceId: "res",
      resourcePath: "/test",
    },
    ...overrides,
  } satisfies APIGatewayRequestAuthorizerEvent;
}
