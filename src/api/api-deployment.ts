import { ApiGatewayDeployment } from "@cdktf/provider-aws/lib/api-gateway-deployment";
import { ApiGatewayMethodSettings } from "@cdktf/provider-aws/lib/api-gateway-method-settings";
import { ApiGatewayRestApi } from "@cdktf/provider-aws/lib/api-gateway-rest-api";
import { ApiGatewayStage } from "@cdktf/provider-aws/lib/api-gateway-stage";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { ITerraformDependable, TerraformResource } from "cdktf";
import { Construct } from "constructs";
import { integerInRange, throwIfProblems } from "../validation/config-error";
import { logRetentionProblems } from "../lambda/log-retention";
import { ACCESS_LOG_FORMAT } from "./access-log-format";
import { contentFingerprint } from "./content-fingerprint";
import { stageNameProblems } from "./stage-name";

/** Props of {@link ApiDeployment}. */
export interface ApiDeploymentProps {
  readonly restApi: ApiGatewayRestApi;
  /** The stage's name: the first segment of every URL. */
  readonly stageName: string;
  /**
   * Everything the deployment snapshots: resources, methods, integrations, authorizers, gateway
   * responses. A change to the content of any of them creates a new deployment.
   */
  readonly content: readonly TerraformResource[];
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
   * How long access and execution logs are kept, in days.
   * @default 14
   */
  readonly logRetentionDays?: number;
  /**
   * What must exist before the stage can log: the account's CloudWatch role setting.
   * @default - nothing; the account's logging role is managed elsewhere
   */
  readonly loggingPrerequisites?: readonly ITerraformDependable[];
}

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
export class ApiDeployment extends Construct {
  public readonly deployment: ApiGatewayDeployment;
  public readonly stage: ApiGatewayStage;
  public readonly accessLogs: CloudwatchLogGroup;
  public readonly executionLogs: CloudwatchLogGroup;
  public readonly methodSettings: ApiGatewayMethodSettings;

  constructor(scope: Construct, id: string, props: ApiDeploymentProps) {
    super(scope, id);
    const rateLimit = props.throttlingRateLimit ?? 100;
    const burstLimit = props.throttlingBurstLimit ?? 50;
    const retentionInDays = props.logRetentionDays ?? 14;
    throwIfProblems([
      ...stageNameProblems("stageName", props.stageName),
      ...integerInRange("throttlingRateLimit", rateLimit, 1, 10000),
      ...integerInRange("throttlingBurstLimit", burstLimit, 1, 5000),
      ...logRetentionProblems("logRetentionDays", retentionInDays),
    ]);

    this.deployment = new ApiGatewayDeployment(this, "deployment", {
      restApiId: props.restApi.id,
      triggers: { redeployment: contentFingerprint(props.content) },
      lifecycle: { createBeforeDestroy: true },
      dependsOn: [...props.content],
    });
    this.accessLogs = new CloudwatchLogGroup(this, "access_logs", {
      name: `/aws/apigateway/${props.restApi.name}/${props.stageName}/access`,
      retentionInDays,
    });
    // API Gateway writes execution logs to this fixed name and would create it with no expiry itself.
    this.executionLogs = new CloudwatchLogGroup(this, "execution_logs", {
      name: `API-Gateway-Execution-Logs_${props.restApi.id}/${props.stageName}`,
      retentionInDays,
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
  }
}
