import type { MethodModel, ResourceModel } from "../stack/stack-model";

/** A request matched to a method of the API. */
export interface RouteMatch {
  readonly resource: ResourceModel;
  readonly method: MethodModel;
  /** `{id}` → the segment, percent-decoded; `{proxy+}` → the rest of the path as sent, slashes included. */
  readonly pathParameters: Readonly<Record<string, string>>;
}

/**
 * Finds the resource for a path (its raw segments after the stage, from `routeSegmentsOf`) as API Gateway
 * does: a literal path part beats a `{param}`, which beats a greedy `{proxy+}` (which needs at least one
 * segment); then the method, or the resource's `ANY`.
 *
 * A `{proxy+}` value is the rest of the path exactly as sent — percent-encoding and a `//` inside it kept,
 * as AWS records (`route/request-path.ts`). An empty segment elsewhere (`/items//42`) is skipped when
 * matching literal and `{param}` parts: AWS's handling of that case is not recorded publicly.
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
  start: number,
  parameters: Record<string, string>,
): { resource: ResourceModel; parameters: Record<string, string> } | undefined {
  let index = start;
  while (index < segments.length && segments[index] === "") {
    index += 1;
  }
  if (index === segments.length) {
    return { resource: node, parameters };
  }
  // The parse step refused any segment that does not decode, so this cannot throw.
  const segment = decodeURIComponent(segments[index]);
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
