import type { MethodModel, ResourceModel } from "../stack/stack-model";

/** A request matched to a method of the API. */
export interface RouteMatch {
  readonly resource: ResourceModel;
  readonly method: MethodModel;
  /** `{id}` → value; `{proxy+}` → the rest of the path, slashes included. */
  readonly pathParameters: Readonly<Record<string, string>>;
}

/**
 * Finds the resource for a path (its segments after the stage) as API Gateway does: a literal path part
 * beats a `{param}`, which beats a greedy `{proxy+}` (which needs at least one segment); then the method,
 * or the resource's `ANY`.
 *
 * @returns `undefined` when no resource or no method matches — API Gateway's "Missing Authentication
 *   Token" 403.
 */
export function matchRoute(root: ResourceModel, segments: readonly string[], httpMethod: string): RouteMatch | undefined {
  const found = matchResource(root, segments, 0, {});
  if (found === undefined) {
    return undefined;
  }
  const method = found.resource.methods.get(httpMethod) ?? found.resource.methods.get("ANY");
  return method === undefined ? undefined : { resource: found.resource, method, pathParameters: found.parameters };
}

function matchResource(
  node: ResourceModel,
  segments: readonly string[],
  index: number,
  parameters: Record<string, string>,
): { resource: ResourceModel; parameters: Record<string, string> } | undefined {
  if (index === segments.length) {
    return { resource: node, parameters };
  }
  const segment = segments[index];
  const literal = node.children.find((child) => child.pathPart === segment);
  if (literal !== undefined) {
    const found = matchResource(literal, segments, index + 1, parameters);
    if (found !== undefined) {
      return found;
    }
  }
  for (const child of node.children) {
    if (child.pathPart.endsWith("+}")) {
      return { resource: child, parameters: { ...parameters, [child.pathPart.slice(1, -2)]: segments.slice(index).join("/") } };
    }
    if (child.pathPart.startsWith("{")) {
      const found = matchResource(child, segments, index + 1, { ...parameters, [child.pathPart.slice(1, -1)]: segment });
      if (found !== undefined) {
        return found;
      }
    }
  }
  return undefined;
}
