import type { APIGatewayAuthorizerResult } from "aws-lambda";

/** `arn:<partition>:execute-api:<region>:<account>:<api-id>/<stage>/<METHOD>/<path…>` */
const METHOD_ARN = /^(arn:[a-z-]+:execute-api:[a-z0-9-]+:\d{12}:[A-Za-z0-9]+)\/([^/]+)\/[^/]+\/.*$/;

/**
 * The resource a decision covers: every method and path of the API's stage.
 *
 * API Gateway caches a decision by the identity-source values and reuses it for *other* methods and
 * paths of the API until the TTL ends; a policy naming only the current method ARN would then answer
 * 403 there. Returns `undefined` when the ARN is not an execute-api method ARN.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-lambda-authorizer-output.html
 */
export function apiWideResource(methodArn: unknown): string | undefined {
  if (typeof methodArn !== "string") {
    return undefined;
  }
  const match = METHOD_ARN.exec(methodArn);
  return match ? `${match[1]}/${match[2]}/*/*` : undefined;
}

/** An IAM policy result for API Gateway. */
export function policyResult(
  effect: "Allow" | "Deny",
  resource: string,
  principalId: string,
): APIGatewayAuthorizerResult {
  return {
    principalId,
    policyDocument: {
      Version: "2012-10-17",
      Statement: [{ Action: "execute-api:Invoke", Effect: effect, Resource: resource }],
    },
  };
}
