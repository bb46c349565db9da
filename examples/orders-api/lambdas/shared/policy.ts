import type { APIGatewayAuthorizerResult } from "aws-lambda";

/** The one error message API Gateway turns into 401; any other error from an authorizer becomes a 500. */
export const UNAUTHORIZED = "Unauthorized";

/**
 * An IAM policy for `execute-api:Invoke` on `<api>/<stage>/<method>/*` of the API and stage the request
 * came in on. Not the method ARN itself: API Gateway reuses a cached decision for other methods and paths
 * of the API, where a policy naming one method ARN would answer 403.
 *
 * @param method an HTTP method, or `*` for every method
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-lambda-authorizer-output.html
 */
export function policy(
  principalId: string,
  effect: "Allow" | "Deny",
  methodArn: string,
  method: string,
  context?: Record<string, string>,
): APIGatewayAuthorizerResult {
  return {
    principalId,
    policyDocument: {
      Version: "2012-10-17",
      Statement: [{ Action: "execute-api:Invoke", Effect: effect, Resource: stageResource(methodArn, method) }],
    },
    context,
  };
}

/** `arn:aws:execute-api:<region>:<account>:<api-id>/<stage>/<method>/*` from a method ARN. */
export function stageResource(methodArn: string, method: string): string {
  const [apiArn, stage] = methodArn.split("/");
  if (apiArn === undefined || stage === undefined || stage === "") {
    throw new Error("the method ARN names no stage");
  }
  return `${apiArn}/${stage}/${method}/*`;
}
