import { ApiGatewayDeployment } from "@cdktf/provider-aws/lib/api-gateway-deployment";
import { ApiGatewayMethodSettings } from "@cdktf/provider-aws/lib/api-gateway-method-settings";
import { ApiGatewayRestApi } from "@cdktf/provider-aws/lib/api-gateway-rest-api";
import { ApiGatewayStage } from "@cdktf/provider-aws/lib/api-gateway-stage";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { Wafv2WebAclAssociation } from "@cdktf/provider-aws/lib/wafv2-web-acl-association";
import { dependable, ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { logRetentionProblems } from "../lambda/log-retention";
import { integerInRange, throwIfProblemsAt } from "../validation/config-error";
import { ACCESS_LOG_FORMAT } from "./access-log-format";
import { DeploymentContent } from "./deployment-content";
import { stageNameProblems } from "./stage-name";

/** The stage's hardening: logs, throttling, tracing. Every field has a secure default. */
export interface StageOptions {
  /**
   * Steady-state requests per second the stage accepts, for every method.
   * @default 100
   */
  readonly throttlingRateLimit?: number;
  /**
   * Requests the stage absorbs in a burst above the rate.
   * @default 50
   */
  readonly throttlingBurstLimit?: number;
  /**
   * How long access and execution logs are kept, in days; one of CloudWatch Logs' periods.
   * @default 365 - a year, what log-retention scanner rules (CKV_AWS_338) ask of access logs
   */
  readonly logRetentionDays?: number;
  /**
   * A customer-managed KMS key ARN that encrypts the stage's log groups. The key policy must let the
   * region's CloudWatch Logs service principal use it.
   * @default - CloudWatch Logs' own encryption at rest
   * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html
   */
  readonly logsKmsKeyArn?: string;
  /**
   * What must exist before the stage can log: the account's CloudWatch role setting
   * ({@link AccountLoggingRole}), when this stack manages it.
   * @default - nothing; the account's API Gateway logging role is managed elsewhere
   */
  readonly loggingPrerequisites?: readonly ITerraformDependable[];
  /**
   * A WAFv2 web ACL ARN to associate with the stage.
   * @default - no web ACL (stage throttling still applies)
   */
  readonly webAclArn?: string;
}

/** Props of {@link ApiStage}. */
export interface ApiStageProps extends StageOptions {
  readonly restApi: ApiGatewayRestApi;
  /** The stage's name: the first segment of every URL. */
  readonly stageName: string;
  /** What the deployment snapshots; every part of the API registers itself there. */
  readonly content: DeploymentContent;
}

/** The stage log retention when none is given: a year. */
export const DEFAULT_STAGE_LOG_RETENTION_DAYS = 365;
/** Default steady-state requests per second. */
export const DEFAULT_THROTTLING_RATE_LIMIT = 100;
/** Default burst above the rate. */
export const DEFAULT_THROTTLING_BURST_LIMIT = 50;

/**
 * A deployment that is replaced whenever the API's content changes, and a hardened stage that serves it:
 * JSON access logs in its own group, execution logs at ERROR without data traces, detailed metrics,
 * X-Ray tracing, and default throttling.
 *
 * `create_before_destroy` lets the stage move to the new deployment before the old one is deleted (a
 * deployment in use by a stage cannot be deleted). The stage is its own resource: `stage_name` on the
 * deployment is deprecated in provider 5.x and removed in 6.x.
 *
 * @see https://registry.terraform.io/providers/hashicorp/aws/5.100.0/docs/resources/api_gateway_deployment
 */
export class ApiStage extends Construct {
  public readonly deployment: ApiGatewayDeployment;
  public readonly stage: ApiGatewayStage;
  public readonly accessLogs: CloudwatchLogGroup;
  public readonly executionLogs: CloudwatchLogGroup;
  public readonly methodSettings: ApiGatewayMethodSettings;
  /** The web ACL association; `undefined` without {@link StageOptions.webAclArn}. */
  public readonly webAclAssociation: Wafv2WebAclAssociation | undefined;

  constructor(scope: Construct, id: string, props: ApiStageProps) {
    super(scope, id);
    const rateLimit = props.throttlingRateLimit ?? DEFAULT_THROTTLING_RATE_LIMIT;
    const burstLimit = props.throttlingBurstLimit ?? DEFAULT_THROTTLING_BURST_LIMIT;
    const retentionInDays = props.logRetentionDays ?? DEFAULT_STAGE_LOG_RETENTION_DAYS;
    throwIfProblemsAt(this.node.path, [
      ...stageNameProblems("stageName", props.stageName),
      ...integerInRange("throttlingRateLimit", rateLimit, 1, 10000),
      ...integerInRange("throttlingBurstLimit", burstLimit, 1, 5000),
      ...logRetentionProblems("logRetentionDays", retentionInDays),
    ]);

    this.deployment = new ApiGatewayDeployment(this, "deployment", {
      restApiId: props.restApi.id,
      triggers: { redeployment: props.content.fingerprint },
      lifecycle: { createBeforeDestroy: true },
    });
    this.deployment.dependsOn = props.content.dependsOn;
    this.accessLogs = new CloudwatchLogGroup(this, "access_logs", {
      name: `/aws/apigateway/${props.restApi.name}/${props.stageName}/access`,
      retentionInDays,
      kmsKeyId: props.logsKmsKeyArn,
    });
    // API Gateway writes execution logs to this fixed name and would create it with no expiry itself.
    this.executionLogs = new CloudwatchLogGroup(this, "execution_logs", {
      name: `API-Gateway-Execution-Logs_${props.restApi.id}/${props.stageName}`,
      retentionInDays,
      kmsKeyId: props.logsKmsKeyArn,
    });
    this.stage = new ApiGatewayStage(this, "stage", {
      restApiId: props.restApi.id,
      deploymentId: this.deployment.id,
      stageName: props.stageName,
      xrayTracingEnabled: true,
      accessLogSettings: { destinationArn: this.accessLogs.arn, format: ACCESS_LOG_FORMAT },
      dependsOn: [this.executionLogs, ...(props.loggingPrerequisites ?? [])],
    });
    this.methodSettings = new ApiGatewayMethodSettings(this, "method_settings", {
      restApiId: props.restApi.id,
      stageName: this.stage.stageName,
      methodPath: "*/*",
      settings: {
        loggingLevel: "ERROR",
        // Data traces would log full requests, the credential header included.
        dataTraceEnabled: false,
        metricsEnabled: true,
        throttlingRateLimit: rateLimit,
        throttlingBurstLimit: burstLimit,
      },
    });
    this.webAclAssociation =
      props.webAclArn === undefined
        ? undefined
        : new Wafv2WebAclAssociation(this, "web_acl", { resourceArn: this.stage.arn, webAclArn: props.webAclArn });
  }

  /**
   * Makes the stage wait for something created later, such as the account's logging role setting
   * ({@link AccountLoggingRole}), which the stage needs before it can log.
   */
  public waitFor(...dependencies: readonly ITerraformDependable[]): void {
    this.stage.dependsOn = [...(this.stage.dependsOn ?? []), ...dependencies.map((dependency) => dependable(dependency))];
  }
}
