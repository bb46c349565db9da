import { ApiGatewayIntegration } from "@cdktf/provider-aws/lib/api-gateway-integration";
import { ApiGatewayMethod } from "@cdktf/provider-aws/lib/api-gateway-method";
import { LambdaPermission } from "@cdktf/provider-aws/lib/lambda-permission";
import { TerraformResource } from "cdktf";
import { Construct } from "constructs";
import { LambdaAuthorizer } from "../authorizers/lambda-authorizer";
import { LambdaHandler } from "../lambda/lambda-handler";
import { permissionStatementId } from "../lambda/statement-id";
import { show } from "../validation/config-error";
import { Authorization, NoAuthorization } from "./authorization";
import { MockIntegration, MockResponse } from "./mock-integration";
import { PathNode } from "./path-node";
import { methodArnSuffix } from "./resource-path";
import { RestApiTarget } from "./rest-api-target";
import { RouteKey } from "./route-key";

/** How a route is answered and who may call it. */
export interface RouteOptions {
  /**
   * Who may call: an authorizer of the same API, or `Authorization.NONE` for a public route. Required, so
   * that a route is never public by omission.
   */
  readonly authorizer: LambdaAuthorizer | NoAuthorization;
  /**
   * The function that answers, through a Lambda proxy integration (`AWS_PROXY`). Exactly one of `handler`
   * and `mock`.
   * @default - none; then `mock` is required
   */
  readonly handler?: LambdaHandler;
  /**
   * An answer API Gateway gives itself (a `MOCK` integration), carrying the header policy.
   * @default - none; then `handler` is required
   */
  readonly mock?: MockResponse;
  /**
   * Request parameters the method requires, e.g. `method.request.querystring.page`; with
   * `validateRequestParameters` API Gateway answers 400 (BAD_REQUEST_PARAMETERS) when one is missing.
   * Never list the authorizer's identity header: validation runs before the authorizer, so a missing
   * credential would get 400 instead of 401.
   * @default - none
   */
  readonly requiredParameters?: readonly string[];
}

/** Props of {@link Route}. */
export interface RouteProps extends RouteOptions {
  readonly api: RestApiTarget;
  readonly key: RouteKey;
  /** The node of the route's path. */
  readonly node: PathNode;
  /** The headers a MOCK answer carries. */
  readonly headers: Readonly<Record<string, string>>;
  /** The request validator to use with `requiredParameters`. */
  readonly requestValidatorId?: string;
}

/**
 * One method on one path: its integration (a Lambda proxy or a MOCK), and for a Lambda the permission
 * that lets API Gateway invoke the function for this stage, method and path only. Every resource
 * registers itself with the API's deployment.
 */
export class Route extends Construct {
  public readonly key: RouteKey;
  public readonly method: ApiGatewayMethod;
  /** The Lambda proxy integration; `undefined` for a MOCK route. */
  public readonly integration: ApiGatewayIntegration | undefined;
  /** The invoke permission; `undefined` for a MOCK route. */
  public readonly permission: LambdaPermission | undefined;

  constructor(scope: Construct, id: string, props: RouteProps) {
    super(scope, id);
    this.key = props.key;
    const authorizer = props.authorizer === Authorization.NONE ? undefined : props.authorizer;
    const requiredParameters = props.requiredParameters ?? [];
    this.method = new ApiGatewayMethod(this, "method", {
      restApiId: props.api.restApi.id,
      resourceId: props.node.resourceId,
      httpMethod: props.key.method,
      authorization: authorizer === undefined ? "NONE" : "CUSTOM",
      authorizerId: authorizer?.authorizer.id,
      requestParameters: requiredParameters.length === 0 ? undefined : Object.fromEntries(requiredParameters.map((name) => [name, true])),
      requestValidatorId: requiredParameters.length === 0 ? undefined : props.requestValidatorId,
    });
    const registered: TerraformResource[] = [this.method];
    if (props.handler !== undefined) {
      this.integration = new ApiGatewayIntegration(this, "integration", {
        restApiId: props.api.restApi.id,
        resourceId: props.node.resourceId,
        httpMethod: this.method.httpMethod,
        type: "AWS_PROXY",
        // Lambda is always invoked with POST, whatever the client's method.
        integrationHttpMethod: "POST",
        uri: props.handler.invokeArn,
      });
      this.permission = new LambdaPermission(this, "invoke_permission", {
        statementId: permissionStatementId(`${props.key.method}${props.key.path}`, this),
        action: "lambda:InvokeFunction",
        functionName: props.handler.functionName,
        principal: "apigateway.amazonaws.com",
        sourceArn: `${props.api.restApi.executionArn}/${props.api.stageName}/${methodArnSuffix(props.key.method, props.key.path)}`,
      });
      registered.push(this.integration);
    } else {
      const mock = new MockIntegration(this, "mock", {
        restApiId: props.api.restApi.id,
        resourceId: props.node.resourceId,
        method: this.method,
        headers: props.headers,
        response: props.mock ?? {},
      });
      registered.push(...mock.resources);
    }
    props.api.content.register(...registered);
  }
}

/** `problems` for route options, before anything is created. */
export function routeOptionProblems(options: RouteOptions, api: RestApiTarget): string[] {
  const problems: string[] = [];
  if (options.authorizer === undefined) {
    problems.push(`property 'authorizer' must be an authorizer of this API, or Authorization.NONE for a public route`);
  } else if (options.authorizer !== Authorization.NONE) {
    if (!(options.authorizer instanceof LambdaAuthorizer)) {
      problems.push(`property 'authorizer' must be an authorizer of this API, or Authorization.NONE, got ${show(options.authorizer)}`);
    } else if (options.authorizer.api !== api) {
      problems.push(`authorizer '${options.authorizer.displayName}' belongs to another API`);
    }
  }
  if ((options.handler === undefined) === (options.mock === undefined)) {
    problems.push(`exactly one of 'handler' (a Lambda function) and 'mock' (an answer from API Gateway) must be given`);
  }
  if (options.mock?.statusCode !== undefined && (!Number.isInteger(options.mock.statusCode) || options.mock.statusCode < 200 || options.mock.statusCode > 599)) {
    problems.push(`property 'mock.statusCode' must be a whole number from 200 to 599, got ${show(options.mock.statusCode)}`);
  }
  const identity = options.authorizer instanceof LambdaAuthorizer ? options.authorizer.identitySources.map((source) => source.toLowerCase()) : [];
  for (const [index, parameter] of (options.requiredParameters ?? []).entries()) {
    if (identity.includes(parameter.toLowerCase())) {
      problems.push(`property 'requiredParameters[${index}]' must not name the authorizer's identity source ${show(parameter)}: validation runs first, so a missing credential would get 400 instead of 401`);
    }
    if (!/^method\.request\.(header|querystring|path)\.[A-Za-z0-9._~!#$%&'*+^`|-]+$/.test(parameter)) {
      problems.push(`property 'requiredParameters[${index}]' must be method.request.header|querystring|path.<name>, got ${show(parameter)}`);
    }
  }
  return problems;
}
