import * as path from "node:path";
import { ArchiveProvider } from "@cdktf/provider-archive/lib/provider";
import { ApiGatewayRestApi } from "@cdktf/provider-aws/lib/api-gateway-rest-api";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Annotations, Fn, TerraformElement, TerraformLocal, TerraformOutput, TerraformStack } from "cdktf";
import { Construct, Node } from "constructs";
import { SECURITY_HEADERS_ENV } from "../../lambdas/shared/security-headers";
import { AccountLoggingRole } from "../api/account-logging-role";
import { ApiDeployment } from "../api/api-deployment";
import { CorsPreflight } from "../api/cors-preflight";
import { authorizerEnvironment, credentialReadStatements, parameterArn } from "../api/credential-access";
import { LambdaProxyRoute } from "../api/lambda-proxy-route";
import { RequestAuthorizer } from "../api/request-authorizer";
import { AppConfig, configWarnings } from "../config/app-config";
import { GatewayResponses } from "../gateway-responses/gateway-responses";
import { NodejsFunction } from "../lambda/nodejs-function";
import { CORS_METHODS } from "../security-headers/cors";
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
    for (const warning of configWarnings(config)) {
      Annotations.of(this).addWarning(warning);
    }

    const { cors, ...headerOptions } = config.securityHeaders;
    this.headerPolicy = new SecurityHeaderPolicy({
      ...headerOptions,
      cors: cors && {
        allowHeaders: [config.authorizer.identityHeader, "Content-Type"],
        allowMethods: config.httpMethod === "ANY" ? CORS_METHODS : [config.httpMethod, "OPTIONS"],
        ...cors,
      },
    });
    this.restApi = new ApiGatewayRestApi(this, "rest_api", {
      name: config.apiName,
      description: `${config.httpMethod} ${config.resourcePath} behind a Lambda REQUEST authorizer`,
      lifecycle: { createBeforeDestroy: true },
    });

    // Partition and account from an ARN the stack already has, so nothing is looked up from AWS at plan time.
    const arnParts = Fn.split(":", this.restApi.executionArn);
    const partition = new TerraformLocal(this, "aws_partition", Fn.element(arnParts, 1));
    const accountId = new TerraformLocal(this, "aws_account_id", Fn.element(arnParts, 4));

    const authorizerLambda = new NodejsFunction(this, "authorizer_lambda", {
      functionName: `${config.apiName}-authorizer`,
      description: `Checks ${config.authorizer.identityHeader} for ${config.apiName}`,
      entry: path.join(LAMBDAS, "authorizer", "index.ts"),
      timeoutSeconds: 5,
      logRetentionDays: config.logRetentionDays,
      reservedConcurrency: config.authorizer.reservedConcurrency,
      environment: authorizerEnvironment(config.authorizer),
      policyStatements:
        config.authorizer.credentialSource === "ssm"
          ? credentialReadStatements(
              parameterArn({
                partition: partition.asString,
                region: config.region,
                accountId: accountId.asString,
                name: config.authorizer.credentialParameterName,
              }),
              config.authorizer.credentialKmsKeyArn,
            )
          : [],
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
    const preflight = cors
      ? new CorsPreflight(this, "preflight", {
          restApiId: this.restApi.id,
          resourceId: route.resource.id,
          headerPolicy: this.headerPolicy,
        }).resources
      : [];
    const gatewayResponses = new GatewayResponses(this, "gateway_responses", {
      restApiId: this.restApi.id,
      headerPolicy: this.headerPolicy,
      responses: config.gatewayResponses,
    });
    const accountLogging = config.stage.manageAccountLoggingRole
      ? [new AccountLoggingRole(this, "apigateway_logging", { roleName: `${config.apiName}-apigateway-logging`, partition: partition.asString }).account]
      : [];
    const api = new ApiDeployment(this, "api", {
      restApi: this.restApi,
      stageName: config.stageName,
      throttlingRateLimit: config.stage.throttlingRateLimit,
      throttlingBurstLimit: config.stage.throttlingBurstLimit,
      logRetentionDays: config.logRetentionDays,
      loggingPrerequisites: accountLogging,
      content: [
        ...route.resources,
        route.method,
        route.integration,
        ...preflight,
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
