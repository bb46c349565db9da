import { show } from "../validation/config-error";

const LITERAL_SEGMENT = /^[A-Za-z0-9._~-]+$/;
const PARAMETER_SEGMENT = /^\{[A-Za-z0-9_]+\}$/;
const GREEDY_SEGMENT = /^\{[A-Za-z0-9_]+\+\}$/;

/** The HTTP methods API Gateway accepts on a method (`ANY` matches every one). */
export const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "ANY"] as const;

/** `problems` for a resource path such as `/test` or `/items/{id}`. */
export function resourcePathProblems(field: string, value: unknown): string[] {
  const expected = `an absolute path of segments made of letters, digits and ._~- or {param}, with {proxy+} only last`;
  if (typeof value !== "string" || !value.startsWith("/") || value === "/") {
    return [`property '${field}' must be ${expected}, got ${show(value)}`];
  }
  const segments = value.slice(1).split("/");
  const ok = segments.every(
    (segment, index) =>
      LITERAL_SEGMENT.test(segment) ||
      PARAMETER_SEGMENT.test(segment) ||
      (GREEDY_SEGMENT.test(segment) && index === segments.length - 1),
  );
  return ok ? [] : [`property '${field}' must be ${expected}, got ${show(value)}`];
}

/** `problems` for an HTTP method. */
export function httpMethodProblems(field: string, value: unknown): string[] {
  return typeof value === "string" && (HTTP_METHODS as readonly string[]).includes(value)
    ? []
    : [`property '${field}' must be one of ${HTTP_METHODS.join(", ")}, got ${show(value)}`];
}

/** The path's segments: `/items/{id}` → `["items", "{id}"]`. */
export function pathSegments(resourcePath: string): string[] {
  return resourcePath.slice(1).split("/");
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
