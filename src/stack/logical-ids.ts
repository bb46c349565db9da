import { TerraformElement, TerraformStack } from "cdktf";
import { Node } from "constructs";

/**
 * A resource's Terraform name from its construct path, without CDKTF's hash suffix:
 * `authorizer_lambda/role` → `authorizer_lambda_role`.
 *
 * Names read like a hand-written module (`aws_iam_role.authorizer_lambda_role`) and stay the same as long
 * as construct ids do: ids are a contract, and renaming one replaces the resource.
 */
export function readableLogicalId(element: TerraformElement | Node): string {
  const node = element instanceof Node ? element : element.node;
  const stackDepth = node.scopes.findIndex((scope) => TerraformStack.isStack(scope));
  return node.scopes
    .slice(stackDepth + 1)
    .map((scope) => scope.node.id)
    .join("_")
    .replace(/[^A-Za-z0-9_-]/g, "_");
}
