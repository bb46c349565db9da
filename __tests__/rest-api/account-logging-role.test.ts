import { ApiGatewayAccount } from "@cdktf/provider-aws/lib/api-gateway-account";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { Testing } from "cdktf";
import { AccountLoggingRole } from "../../src/rest-api/account-logging-role";
import { onlyResource, parseStack } from "../support/terraform-json";

describe("AccountLoggingRole", () => {
  const synthesized = Testing.synthScope((scope) => {
    new AccountLoggingRole(scope, "logging", { roleName: "Api-apigateway-logging", partition: "aws-cn" });
  });
  const stack = parseStack(synthesized);

  test("is a role only API Gateway can assume", () => {
    expect(JSON.parse(onlyResource(stack, "aws_iam_role").assume_role_policy as string).Statement).toEqual([
      { Effect: "Allow", Principal: { Service: "apigateway.amazonaws.com" }, Action: "sts:AssumeRole" },
    ]);
  });

  test("may push to CloudWatch Logs through AWS's managed policy for exactly that, in the given partition", () => {
    expect(synthesized).toHaveResourceWithProperties(IamRolePolicyAttachment, {
      policy_arn: "arn:aws-cn:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs",
    });
  });

  test("is set as the account's API Gateway logging role once the policy is attached", () => {
    const [roleName] = Object.keys(stack.resource?.aws_iam_role ?? {});
    expect(synthesized).toHaveResourceWithProperties(ApiGatewayAccount, { cloudwatch_role_arn: `\${aws_iam_role.${roleName}.arn}` });
    expect(onlyResource(stack, "aws_api_gateway_account").depends_on).toEqual([
      `aws_iam_role_policy_attachment.${Object.keys(stack.resource?.aws_iam_role_policy_attachment ?? {})[0]}`,
    ]);
  });
});
