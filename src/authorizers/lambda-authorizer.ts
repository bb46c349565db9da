import { ApiGatewayAuthorizer } from "@cdktf/provider-aws/lib/api-gateway-authorizer";
import { LambdaPermission } from "@cdktf/provider-aws/lib/lambda-permission";
import { Construct } from "constructs";
import { LambdaHandler } from "../lambda/lambda-handler";
import { permissionStatementId } from "../lambda/statement-id";
import type { RestApiTarget } from "../rest-api/rest-api-target";
import { integerInRange } from "../validation/config-error";

/** Props every Lambda authorizer takes. */
export interface LambdaAuthorizerProps {
  /** The Lambda function that decides. */
  readonly handler: LambdaHandler;
  /**
   * The authorizer's name in API Gateway; unique within the API.
   * @default - the API's name and the construct id, e.g. `orders-jwt`
   */
  readonly authorizerName?: string;
  /**
   * How long API Gateway caches a decision per identity value, in seconds; 0 turns caching off (then
   * identity sources are no longer pre-checked, and the Lambda runs on every request).
   * @default 300
   */
  readonly resultTtlSeconds?: number;
}

/**
 * An authorizer's construct id under its API: the user's id behind a prefix, so that it can never collide
 * with the API's own children (`stage`, `paths`, …).
 */
export function authorizerConstructId(label: string): string {
  return `authorizer_${label}`;
}

/** The user's id back from {@link authorizerConstructId}, for messages. */
export function authorizerLabel(constructId: string): string {
  return constructId.replace(/^authorizer_/, "");
}

/** The default authorizer result TTL, in seconds: API Gateway's own default. */
export const DEFAULT_AUTHORIZER_TTL_SECONDS = 300;
/** The longest time API Gateway caches an authorizer's result, in seconds. */
export const MAX_AUTHORIZER_TTL_SECONDS = 3600;

/** `problems` for an authorizer's result TTL. */
export function authorizerTtlProblems(field: string, value: unknown): string[] {
  return integerInRange(field, value, 0, MAX_AUTHORIZER_TTL_SECONDS);
}

/**
 * What REQUEST and TOKEN authorizers share: the `aws_api_gateway_authorizer`, registered with the API's
 * deployment, and a permission for API Gateway to invoke the function scoped to this authorizer alone.
 */
export abstract class LambdaAuthorizer extends Construct {
  public readonly authorizer: ApiGatewayAuthorizer;
  public readonly permission: LambdaPermission;
  /** The API this authorizer belongs to; routes of another API cannot use it. */
  public readonly api: RestApiTarget;
  /** Where the identity comes from, e.g. `method.request.header.Authorization`. */
  public readonly identitySources: readonly string[];

  protected constructor(
    scope: Construct,
    id: string,
    api: RestApiTarget,
    props: LambdaAuthorizerProps,
    type: "REQUEST" | "TOKEN",
    identity: { readonly identitySource: string; readonly identityValidationExpression?: string },
  ) {
    super(scope, id);
    this.api = api;
    this.identitySources = identity.identitySource.split(",");
    this.authorizer = new ApiGatewayAuthorizer(this, "authorizer", {
      restApiId: api.restApi.id,
      name: props.authorizerName ?? `${api.apiName}-${id}`,
      type,
      authorizerUri: props.handler.invokeArn,
      identitySource: identity.identitySource,
      identityValidationExpression: identity.identityValidationExpression,
      authorizerResultTtlInSeconds: props.resultTtlSeconds ?? DEFAULT_AUTHORIZER_TTL_SECONDS,
    });
    this.permission = new LambdaPermission(this, "invoke_permission", {
      statementId: permissionStatementId("authorizer", this),
      action: "lambda:InvokeFunction",
      functionName: props.handler.functionName,
      principal: "apigateway.amazonaws.com",
      sourceArn: `${api.restApi.executionArn}/authorizers/${this.authorizer.id}`,
    });
    api.content.register(this.authorizer);
  }

  /** The name shown in error messages. */
  public get displayName(): string {
    return authorizerLabel(this.node.id);
  }
}
