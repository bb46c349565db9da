import { createHash } from "node:crypto";
import { TerraformElement, TerraformStack } from "cdktf";
import { Node } from "constructs";

const assigned = new WeakMap<TerraformStack, Map<string, string>>();

/**
 * A resource's Terraform name from its construct path, without CDKTF's hash suffix:
 * `authorizer_lambda/role` → `authorizer_lambda_role`, `api/paths/test/[GET]/method` →
 * `api_paths_test_GET_method`.
 *
 * Names read like a hand-written module and stay the same as long as construct ids do: ids are a
 * contract, and renaming one replaces the resource. Two paths that would read the same (`/a.b` and
 * `/a_b`) never share a name: the second gets a digest of its path appended.
 */
export function readableLogicalId(element: TerraformElement | Node): string {
  const node = element instanceof Node ? element : element.node;
  const stackDepth = node.scopes.findIndex((scope) => TerraformStack.isStack(scope));
  const stack = node.scopes[stackDepth] as TerraformStack;
  const name = node.scopes
    .slice(stackDepth + 1)
    .map((scope) => scope.node.id.replace(/[[\]]/g, ""))
    .join("_")
    .replace(/[^A-Za-z0-9_-]/g, "_");
  const names = assigned.get(stack) ?? new Map<string, string>();
  assigned.set(stack, names);
  const owner = names.get(name);
  if (owner === undefined || owner === node.path) {
    names.set(name, node.path);
    return name;
  }
  return `${name}_${createHash("sha1").update(node.path).digest("hex").slice(0, 8)}`;
}
