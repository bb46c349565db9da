import { Construct } from "constructs";
import type { RestApiTarget } from "../rest-api/rest-api-target";
import { headerNameProblems } from "../security-headers/header-rules";
import { show, throwIfProblemsAt } from "../validation/config-error";
import { IdentitySource } from "./identity-source";
import { authorizerLabel, authorizerTtlProblems, DEFAULT_AUTHORIZER_TTL_SECONDS, LambdaAuthorizer, LambdaAuthorizerProps } from "./lambda-authorizer";

/** Props of {@link TokenAuthorizer}. */
export interface TokenAuthorizerProps extends LambdaAuthorizerProps {
  /**
   * The header that carries the token; the result cache is keyed on its value.
   * @default "Authorization"
   */
  readonly identityHeader?: string;
  /**
   * A regular expression the token must match before the function is invoked; API Gateway answers 401
   * itself for a token that does not match, without invoking (or paying for) the function.
   * @default - every non-empty token reaches the function
   */
  readonly validationRegex?: string;
}

/** The header a TOKEN authorizer reads unless told otherwise. */
export const DEFAULT_TOKEN_HEADER = "Authorization";

/**
 * A Lambda TOKEN authorizer: the function receives one header's value (a bearer token, a JWT) and the
 * method ARN, and returns an IAM policy.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-use-lambda-authorizer.html
 */
export class TokenAuthorizer extends LambdaAuthorizer {
  constructor(scope: Construct, id: string, api: RestApiTarget, props: TokenAuthorizerProps) {
    const header = props.identityHeader ?? DEFAULT_TOKEN_HEADER;
    throwIfProblemsAt(`${scope.node.path}/authorizer[${authorizerLabel(id)}]`, [
      ...authorizerTtlProblems("resultTtlSeconds", props.resultTtlSeconds ?? DEFAULT_AUTHORIZER_TTL_SECONDS),
      ...headerNameProblems("identityHeader", header),
      ...validationRegexProblems("validationRegex", props.validationRegex),
    ]);
    super(scope, id, api, props, "TOKEN", {
      identitySource: IdentitySource.header(header),
      identityValidationExpression: props.validationRegex,
    });
  }
}

function validationRegexProblems(field: string, value: unknown): string[] {
  if (value === undefined) {
    return [];
  }
  if (typeof value !== "string" || value.length === 0 || value.length > 1024) {
    return [`property '${field}' must be a regular expression of 1 to 1024 characters, got ${show(value)}`];
  }
  try {
    new RegExp(value);
    return [];
  } catch {
    return [`property '${field}' must be a valid regular expression, got ${show(value)}`];
  }
}
