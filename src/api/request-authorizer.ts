import { ApiGatewayAuthorizer } from "@cdktf/provider-aws/lib/api-gateway-authorizer";
import { ApiGatewayRestApi } from "@cdktf/provider-aws/lib/api-gateway-rest-api";
import { LambdaFunction } from "@cdktf/provider-aws/lib/lambda-function";
import { LambdaPermission } from "@cdktf/provider-aws/lib/lambda-permission";
import { Construct } from "constructs";
import { throwIfProblems } from "../validation/config-error";
import { headerNameProblems } from "../security-headers/header-rules";
import { authorizerTtlProblems } from "./authorizer-ttl";

/** Props of {@link RequestAuthorizer}. */
export interface RequestAuthorizerProps {
  readonly restApi: ApiGatewayRestApi;
  /** The Lambda function that decides. */
  readonly handler: LambdaFunction;
  /** The authorizer's name in API Gateway. */
  readonly name: string;
  /** The request header whose value is the credential, and the cache key. */
  readonly identityHeader: string;
  /**
   * How long API Gateway caches a decision per identity value, in seconds; 0 turns caching off (then the
   * identity header is no longer pre-checked by API Gateway, and the Lambda runs on every request).
   * @default 300
   */
  readonly resultTtlSeconds?: number;
}

/**
 * A Lambda REQUEST authorizer keyed on one header, and the permission for API Gateway to invoke it —
 * scoped to this authorizer alone.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-use-lambda-authorizer.html
 */
export class RequestAuthorizer extends Construct {
  public readonly authorizer: ApiGatewayAuthorizer;
  public readonly permission: LambdaPermission;

  constructor(scope: Construct, id: string, props: RequestAuthorizerProps) {
    super(scope, id);
    const ttl = props.resultTtlSeconds ?? 300;
    throwIfProblems([
      ...headerNameProblems("identityHeader", props.identityHeader),
      ...authorizerTtlProblems("resultTtlSeconds", ttl),
    ]);

    this.authorizer = new ApiGatewayAuthorizer(this, "request_authorizer", {
      restApiId: props.restApi.id,
      name: props.name,
      type: "REQUEST",
      authorizerUri: props.handler.invokeArn,
      identitySource: `method.request.header.${props.identityHeader}`,
      authorizerResultTtlInSeconds: ttl,
    });
    this.permission = new LambdaPermission(this, "invoke_permission", {
      statementId: "AllowApiGatewayInvokeAuthorizer",
      action: "lambda:InvokeFunction",
      functionName: props.handler.functionName,
      principal: "apigateway.amazonaws.com",
      sourceArn: `${props.restApi.executionArn}/authorizers/${this.authorizer.id}`,
    });
  }
}
