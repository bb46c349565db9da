import { show } from "../validation/config-error";
import { HTTP_METHODS, HttpMethod } from "../validation/http-methods";
import { httpMethodProblems, resourcePathProblems } from "./resource-path";

/** A route's method and path, parsed from a key such as `POST /orders/{id}`. */
export interface RouteKey {
  readonly method: HttpMethod;
  readonly path: string;
}

/**
 * Parses `"<METHOD> <path>"`.
 *
 * @returns the key, or the problems that stop it (naming `field`).
 */
export function parseRouteKey(field: string, key: unknown): { key: RouteKey } | { problems: string[] } {
  const match = typeof key === "string" ? /^(\S+) (\S+)$/.exec(key) : null;
  if (match === null) {
    return { problems: [`property '${field}' must be "<METHOD> <path>" such as "GET /orders/{id}" (method one of ${HTTP_METHODS.join(", ")}), got ${show(key)}`] };
  }
  const [, method, path] = match;
  const problems = [...httpMethodProblems(`${field} method`, method), ...resourcePathProblems(`${field} path`, path, true)];
  return problems.length > 0 ? { problems } : { key: { method: method as HttpMethod, path } };
}

/** `GET /orders/{id}`. */
export function formatRouteKey(key: RouteKey): string {
  return `${key.method} ${key.path}`;
}
