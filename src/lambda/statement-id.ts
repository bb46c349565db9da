import { createHash } from "node:crypto";
import { Construct } from "constructs";

/**
 * A `statement_id` for a Lambda permission, unique per function: one function may serve several routes,
 * authorizers or APIs, and each grant needs its own statement. A readable label, then a short digest of
 * the construct's path (stable for as long as construct ids are).
 */
export function permissionStatementId(label: string, construct: Construct): string {
  const digest = createHash("sha256").update(construct.node.path).digest("hex").slice(0, 12);
  const readable = label.replace(/[^A-Za-z0-9_-]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 60);
  return `apigw-${readable}-${digest}`;
}
