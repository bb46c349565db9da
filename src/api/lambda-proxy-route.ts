import { ApiGatewayAuthorizer } from "@cdktf/provider-aws/lib/api-gateway-authorizer";
import { ApiGatewayIntegration } from "@cdktf/provider-aws/lib/api-gateway-integration";
import { ApiGatewayMethod } from "@cdktf/provider-aws/lib/api-gateway-method";
import { ApiGatewayResource } from "@cdktf/provider-aws/lib/api-gateway-resource";
import { ApiGatewayRestApi } from "@cdktf/provider-aws/lib/api-gateway-rest-api";
import { LambdaFunction } from "@cdktf/provider-aws/lib/lambda-function";
import { LambdaPermission } from "@cdktf/provider-aws/lib/lambda-permission";
import { Construct } from "constructs";
import { throwIfProblems } from "../validation/config-error";
import { httpMethodProblems, methodArnSuffix, pathSegments, resourcePathProblems } from "./resource-path";
import { stageNameProblems } from "./stage-name";

/** Props of {@link LambdaProxyRoute}. */
export interface LambdaProxyRouteProps {
  readonly restApi: ApiGatewayRestApi;
  /** The path, e.g. `/test` or `/items/{id}`. */
  readonly resourcePath: string;
  /** One of {@link HTTP_METHODS}. */
  readonly httpMethod: string;
  /** The authorizer every request must pass. */
  readonly authorizer: ApiGatewayAuthorizer;
  /** The function that answers, through a Lambda proxy integration. */
  readonly handler: LambdaFunction;
  /** The stage the invoke permission is scoped to. */
  readonly stageName: string;
}

/**
 * One method behind a custom authorizer, proxied to a Lambda function, with the resources of its path and
 * a permission that lets API Gateway invoke the function for this stage, method and path only.
 */
export class LambdaProxyRoute extends Construct {
  /** The resources of the path, outermost first. */
  public readonly resources: readonly ApiGatewayResource[];
  /** The resource of the whole path, which holds the method. */
  public readonly resource: ApiGatewayResource;
  public readonly method: ApiGatewayMethod;
  public readonly integration: ApiGatewayIntegration;
  public readonly permission: LambdaPermission;

  constructor(scope: Construct, id: string, props: LambdaProxyRouteProps) {
    super(scope, id);
    throwIfProblems([
      ...resourcePathProblems("resourcePath", props.resourcePath),
      ...httpMethodProblems("httpMethod", props.httpMethod),
      ...stageNameProblems("stageName", props.stageName),
    ]);

    const resources: ApiGatewayResource[] = [];
    let parentId = props.restApi.rootResourceId;
    for (const [index, pathPart] of pathSegments(props.resourcePath).entries()) {
      const resource = new ApiGatewayResource(this, `resource_${index}`, {
        restApiId: props.restApi.id,
        parentId,
        pathPart,
      });
      resources.push(resource);
      parentId = resource.id;
    }
    this.resources = resources;
    this.resource = resources[resources.length - 1];

    this.method = new ApiGatewayMethod(this, "method", {
      restApiId: props.restApi.id,
      resourceId: this.resource.id,
      httpMethod: props.httpMethod,
      authorization: "CUSTOM",
      authorizerId: props.authorizer.id,
    });
    this.integration = new ApiGatewayIntegration(this, "integration", {
      restApiId: props.restApi.id,
      resourceId: this.resource.id,
      httpMethod: this.method.httpMethod,
      type: "AWS_PROXY",
      // Lambda is always invoked with POST, whatever the client's method.
      integrationHttpMethod: "POST",
      uri: props.handler.invokeArn,
    });
    this.permission = new LambdaPermission(this, "invoke_permission", {
      statementId: "AllowApiGatewayInvokeRoute",
      action: "lambda:InvokeFunction",
      functionName: props.handler.functionName,
      principal: "apigateway.amazonaws.com",
      sourceArn: `${props.restApi.executionArn}/${props.stageName}/${methodArnSuffix(props.httpMethod, props.resourcePath)}`,
    });
  }
}
