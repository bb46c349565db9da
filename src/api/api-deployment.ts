import { ApiGatewayDeployment } from "@cdktf/provider-aws/lib/api-gateway-deployment";
import { ApiGatewayRestApi } from "@cdktf/provider-aws/lib/api-gateway-rest-api";
import { ApiGatewayStage } from "@cdktf/provider-aws/lib/api-gateway-stage";
import { TerraformResource } from "cdktf";
import { Construct } from "constructs";
import { throwIfProblems } from "../config/config-error";
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
}

/**
 * A deployment that is replaced whenever the API's content changes, and a stage that serves it.
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

  constructor(scope: Construct, id: string, props: ApiDeploymentProps) {
    super(scope, id);
    throwIfProblems(stageNameProblems("stageName", props.stageName));

    this.deployment = new ApiGatewayDeployment(this, "deployment", {
      restApiId: props.restApi.id,
      triggers: { redeployment: contentFingerprint(props.content) },
      lifecycle: { createBeforeDestroy: true },
      dependsOn: [...props.content],
    });
    this.stage = new ApiGatewayStage(this, "stage", {
      restApiId: props.restApi.id,
      deploymentId: this.deployment.id,
      stageName: props.stageName,
    });
  }
}
