import { show } from "../validation/config-error";
import { HTTP_METHODS } from "../validation/http-methods";

const LITERAL_SEGMENT = /^[A-Za-z0-9._~-]+$/;
const PARAMETER_SEGMENT = /^\{[A-Za-z0-9_]+\}$/;
const GREEDY_SEGMENT = /^\{[A-Za-z0-9_]+\+\}$/;

/** `problems` for a resource path such as `/test` or `/items/{id}`; `/` (the root) only if `allowRoot`. */
export function resourcePathProblems(field: string, value: unknown, allowRoot = false): string[] {
  const expected = `an absolute path of segments made of letters, digits and ._~- or {param}, with {proxy+} only last`;
  if (allowRoot && value === "/") {
    return [];
  }
  if (typeof value !== "string" || !value.startsWith("/") || value === "/") {
    return [`property '${field}' must be ${expected}, got ${show(value)}`];
  }
  const segments = pathSegments(value);
  const ok = segments.every(
    (segment, index) =>
      LITERAL_SEGMENT.test(segment) ||
      PARAMETER_SEGMENT.test(segment) ||
      (GREEDY_SEGMENT.test(segment) && index === segments.length - 1),
  );
  return ok ? [] : [`property '${field}' must be ${expected}, got ${show(value)}`];
}

/**
 * `problems` for the path parameters of one level: API Gateway refuses two different `{param}` names
 * (or a `{param}` beside a `{proxy+}`) under the same parent, since it could not tell them apart.
 */
export function siblingParameterProblems(parentPath: string, existing: readonly string[], added: string): string[] {
  if (!added.startsWith("{")) {
    return [];
  }
  const clash = existing.find((segment) => segment.startsWith("{") && segment !== added);
  return clash === undefined
    ? []
    : [`path ${show(joinPath(parentPath, added))} cannot sit beside ${show(joinPath(parentPath, clash))}: one level holds one path parameter`];
}

/** `problems` for an HTTP method. */
export function httpMethodProblems(field: string, value: unknown): string[] {
  return typeof value === "string" && (HTTP_METHODS as readonly string[]).includes(value)
    ? []
    : [`property '${field}' must be one of ${HTTP_METHODS.join(", ")}, got ${show(value)}`];
}

/** The path's segments: `/items/{id}` → `["items", "{id}"]`; the root has none. */
export function pathSegments(resourcePath: string): string[] {
  return resourcePath === "/" ? [] : resourcePath.slice(1).split("/");
}

/** `parent` + `/segment`, the root being `/`. */
export function joinPath(parent: string, segment: string): string {
  return parent === "/" ? `/${segment}` : `${parent}/${segment}`;
}

/**
 * The part of an execute-api ARN that names a method: `GET/items/*` for `GET /items/{id}`. API Gateway
 * matches path parameters with `*`, and `ANY` is `*` too.
 */
export function methodArnSuffix(httpMethod: string, resourcePath: string): string {
  const method = httpMethod === "ANY" ? "*" : httpMethod;
  const segments = pathSegments(resourcePath).map((segment) => (segment.startsWith("{") ? "*" : segment));
  return `${method}/${segments.join("/")}`;
}
