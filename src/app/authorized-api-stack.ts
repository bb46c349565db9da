import * as path from "node:path";
import { ArchiveProvider } from "@cdktf/provider-archive/lib/provider";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Annotations, Fn, TerraformElement, TerraformLocal, TerraformOutput, TerraformStack } from "cdktf";
import { Construct, Node } from "constructs";
import { SECURITY_HEADERS_ENV } from "../../lambdas/shared/security-headers";
import {
  AccountLoggingRole,
  CORS_METHODS,
  IdentitySource,
  NodejsFunction,
  SecureRestApi,
  SecurityHeaderPolicy,
} from "../index";
import { AppConfig, configWarnings } from "./app-config";
import { authorizerEnvironment, credentialReadStatements, parameterArn } from "./credential-access";
import { readableLogicalId } from "./logical-ids";
import { addStateBackend, resolveStateBackend } from "./state-backend";

const LAMBDAS = path.resolve(__dirname, "..", "..", "lambdas");

/**
 * The example app: the reference this product grew from, built through the library's public API. One
 * route (`GET /test` by default) behind a Lambda REQUEST authorizer on one header, proxied to a
 * Hello-World backend whose own responses carry the same headers as the gateway's.
 *
 * The stack — not the library — owns the providers, the state backend and the account-wide logging role.
 */
export class AuthorizedApiStack extends TerraformStack {
  public readonly api: SecureRestApi;

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
    const headerPolicy = new SecurityHeaderPolicy({
      ...headerOptions,
      cors: cors && {
        allowHeaders: [config.authorizer.identityHeader, "Content-Type"],
        allowMethods: config.httpMethod === "ANY" ? CORS_METHODS : [config.httpMethod, "OPTIONS"],
        ...cors,
      },
    });
    this.api = new SecureRestApi(this, "api", {
      name: config.apiName,
      description: `${config.httpMethod} ${config.resourcePath} behind a Lambda REQUEST authorizer`,
      stageName: config.stageName,
      headerPolicy,
      gatewayResponses: config.gatewayResponses,
      gatewayResponsesWithoutHeaderPolicy: config.gatewayResponsesWithoutHeaderPolicy,
      stage: {
        throttlingRateLimit: config.stage.throttlingRateLimit,
        throttlingBurstLimit: config.stage.throttlingBurstLimit,
        logRetentionDays: config.logRetentionDays,
        logsKmsKeyArn: config.logsKmsKeyArn,
        webAclArn: config.stage.webAclArn,
      },
    });

    // Partition and account from an ARN the stack already has, so nothing is looked up from AWS at plan time.
    const arnParts = Fn.split(":", this.api.restApi.executionArn);
    const partition = new TerraformLocal(this, "aws_partition", Fn.element(arnParts, 1));
    const accountId = new TerraformLocal(this, "aws_account_id", Fn.element(arnParts, 4));
    if (config.stage.manageAccountLoggingRole) {
      const logging = new AccountLoggingRole(this, "apigateway_logging", {
        roleName: `${config.apiName}-apigateway-logging`,
        partition: partition.asString,
      });
      this.api.stage.waitFor(logging.account);
    }

    const functionOptions = {
      logsKmsKeyArn: config.logsKmsKeyArn,
      environmentKmsKeyArn: config.functions.environmentKmsKeyArn,
      codeSigningConfigArn: config.functions.codeSigningConfigArn,
    };
    const authorizerLambda = new NodejsFunction(this, "authorizer_lambda", {
      functionName: `${config.apiName}-authorizer`,
      description: `Checks ${config.authorizer.identityHeader} for ${config.apiName}`,
      entry: path.join(LAMBDAS, "authorizer", "index.ts"),
      timeoutSeconds: 5,
      logRetentionDays: config.logRetentionDays,
      reservedConcurrency: config.authorizer.reservedConcurrency,
      ...functionOptions,
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
      reservedConcurrency: config.functions.backendReservedConcurrency,
      ...functionOptions,
      environment: { [SECURITY_HEADERS_ENV]: headerPolicy.toJson() },
    });

    const authorizer = this.api.addRequestAuthorizer("request", {
      handler: authorizerLambda,
      authorizerName: `${config.apiName}-request-authorizer`,
      identitySources: [IdentitySource.header(config.authorizer.identityHeader)],
      resultTtlSeconds: config.authorizer.resultTtlSeconds,
    });
    this.api.addRoute(`${config.httpMethod} ${config.resourcePath}`, { handler: backendLambda, authorizer });

    new TerraformOutput(this, "ApiUrl", {
      description: "The stage's invoke URL",
      value: this.api.url,
    });
    new TerraformOutput(this, "ApiTestEndpoint", {
      description: `The URL of ${config.httpMethod} ${config.resourcePath}`,
      value: `${this.api.url}${config.resourcePath}`,
    });
  }

  protected allocateLogicalId(element: TerraformElement | Node): string {
    return readableLogicalId(element);
  }
}
