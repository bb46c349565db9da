import { ApiGatewayAccount } from "@cdktf/provider-aws/lib/api-gateway-account";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { Construct } from "constructs";

/** Props of {@link AccountLoggingRole}. */
export interface AccountLoggingRoleProps {
  /** The role's name. */
  readonly roleName: string;
  /** The AWS partition (`aws`, `aws-cn`, …) of AWS's managed policy. */
  readonly partition: string;
}

/**
 * The role API Gateway uses to write stage logs, set as the region's account-wide setting.
 *
 * Access and execution logging fail without it. The setting is one per account and region: a stack
 * that shares the account with another that manages it should turn this off (`manageAccountLoggingRole`).
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html
 */
export class AccountLoggingRole extends Construct {
  public readonly role: IamRole;
  public readonly account: ApiGatewayAccount;

  constructor(scope: Construct, id: string, props: AccountLoggingRoleProps) {
    super(scope, id);
    this.role = new IamRole(this, "role", {
      name: props.roleName,
      assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "apigateway.amazonaws.com" }, Action: "sts:AssumeRole" }],
      }),
    });
    const attachment = new IamRolePolicyAttachment(this, "push_to_logs", {
      role: this.role.name,
      policyArn: `arn:${props.partition}:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs`,
    });
    this.account = new ApiGatewayAccount(this, "settings", {
      cloudwatchRoleArn: this.role.arn,
      dependsOn: [attachment],
    });
  }
}
