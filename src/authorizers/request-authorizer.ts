import { Construct } from "constructs";
import type { RestApiTarget } from "../rest-api/rest-api-target";
import { throwIfProblemsAt } from "../validation/config-error";
import { identitySourceProblems } from "./identity-source";
import { authorizerLabel, authorizerTtlProblems, DEFAULT_AUTHORIZER_TTL_SECONDS, LambdaAuthorizer, LambdaAuthorizerProps } from "./lambda-authorizer";

/** Props of {@link RequestAuthorizer}. */
export interface RequestAuthorizerProps extends LambdaAuthorizerProps {
  /**
   * Where the identity comes from: `IdentitySource.header('x-custom-auth')`, `.queryString(…)`,
   * `.stageVariable(…)`, `.context(…)`. API Gateway keys the result cache on all of them together.
   */
  readonly identitySources: readonly string[];
}

/**
 * A Lambda REQUEST authorizer: the function receives the request's headers, query string, stage
 * variables and context, and returns an IAM policy.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-use-lambda-authorizer.html
 */
export class RequestAuthorizer extends LambdaAuthorizer {
  constructor(scope: Construct, id: string, api: RestApiTarget, props: RequestAuthorizerProps) {
    const ttl = props.resultTtlSeconds ?? DEFAULT_AUTHORIZER_TTL_SECONDS;
    throwIfProblemsAt(`${scope.node.path}/authorizer[${authorizerLabel(id)}]`, [
      ...authorizerTtlProblems("resultTtlSeconds", ttl),
      ...identitySourceProblems("identitySources", props.identitySources, ttl > 0),
    ]);
    super(scope, id, api, props, "REQUEST", { identitySource: props.identitySources.join(",") });
  }
}
