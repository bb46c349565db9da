import * as path from "node:path";
import { ArchiveProvider } from "@cdktf/provider-archive/lib/provider";
import { ApiGatewayRestApi } from "@cdktf/provider-aws/lib/api-gateway-rest-api";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { TerraformElement, TerraformOutput, TerraformStack } from "cdktf";
import { Construct, Node } from "constructs";
import { AUTHORIZER_ENV } from "../../lambdas/authorizer/settings";
import { SECURITY_HEADERS_ENV } from "../../lambdas/shared/security-headers";
import { ApiDeployment } from "../api/api-deployment";
import { LambdaProxyRoute } from "../api/lambda-proxy-route";
import { RequestAuthorizer } from "../api/request-authorizer";
import { AppConfig } from "../config/app-config";
import { GatewayResponses } from "../gateway-responses/gateway-responses";
import { NodejsFunction } from "../lambda/nodejs-function";
import { SecurityHeaderPolicy } from "../security-headers/security-header-policy";
import { readableLogicalId } from "./logical-ids";
import { addStateBackend, resolveStateBackend } from "./state-backend";

const LAMBDAS = path.resolve(__dirname, "..", "..", "lambdas");

/**
 * The REST API: one method behind a Lambda REQUEST authorizer, proxied to a backend function, with every
 * response the gateway generates — and the backend's own — carrying the same security headers.
 */
export class AuthorizedApiStack extends TerraformStack {
  public readonly restApi: ApiGatewayRestApi;
  public readonly headerPolicy: SecurityHeaderPolicy;

  constructor(scope: Construct, id: string, config: AppConfig) {
    super(scope, id);
    addStateBackend(this, resolveStateBackend(config.stateBackend, { stackId: id, region: config.region }));
    new AwsProvider(this, "aws", {
      region: config.region,
      defaultTags: [{ tags: { Application: config.apiName, ManagedBy: "cdktf" } }],
    });
    new ArchiveProvider(this, "archive");

    this.headerPolicy = new SecurityHeaderPolicy(config.securityHeaders);
    this.restApi = new ApiGatewayRestApi(this, "rest_api", {
      name: config.apiName,
      description: `${config.httpMethod} ${config.resourcePath} behind a Lambda REQUEST authorizer`,
    });

    const authorizerLambda = new NodejsFunction(this, "authorizer_lambda", {
      functionName: `${config.apiName}-authorizer`,
      description: `Checks ${config.authorizer.identityHeader} for ${config.apiName}`,
      entry: path.join(LAMBDAS, "authorizer", "index.ts"),
      timeoutSeconds: 5,
      logRetentionDays: config.logRetentionDays,
      environment: {
        [AUTHORIZER_ENV.identityHeader]: config.authorizer.identityHeader,
        [AUTHORIZER_ENV.expectedCredential]: config.authorizer.credential,
      },
    });
    const backendLambda = new NodejsFunction(this, "backend_lambda", {
      functionName: `${config.apiName}-backend`,
      description: `Answers ${config.httpMethod} ${config.resourcePath} for ${config.apiName}`,
      entry: path.join(LAMBDAS, "backend", "index.ts"),
      logRetentionDays: config.logRetentionDays,
      environment: { [SECURITY_HEADERS_ENV]: this.headerPolicy.toJson() },
    });

    const authorizer = new RequestAuthorizer(this, "authorizer", {
      restApi: this.restApi,
      handler: authorizerLambda.function,
      name: `${config.apiName}-request-authorizer`,
      identityHeader: config.authorizer.identityHeader,
      resultTtlSeconds: config.authorizer.resultTtlSeconds,
    });
    const route = new LambdaProxyRoute(this, "route", {
      restApi: this.restApi,
      resourcePath: config.resourcePath,
      httpMethod: config.httpMethod,
      authorizer: authorizer.authorizer,
      handler: backendLambda.function,
      stageName: config.stageName,
    });
    const gatewayResponses = new GatewayResponses(this, "gateway_responses", {
      restApiId: this.restApi.id,
      headerPolicy: this.headerPolicy,
      responses: config.gatewayResponses,
    });
    const api = new ApiDeployment(this, "api", {
      restApi: this.restApi,
      stageName: config.stageName,
      content: [
        ...route.resources,
        route.method,
        route.integration,
        authorizer.authorizer,
        ...gatewayResponses.responses,
      ],
    });

    new TerraformOutput(this, "ApiUrl", {
      description: "The stage's invoke URL",
      value: api.stage.invokeUrl,
    });
    new TerraformOutput(this, "ApiTestEndpoint", {
      description: `The URL of ${config.httpMethod} ${config.resourcePath}`,
      value: `${api.stage.invokeUrl}${config.resourcePath}`,
    });
  }

  protected allocateLogicalId(element: TerraformElement | Node): string {
    return readableLogicalId(element);
  }
}
