import { HTTP_METHODS } from "../validation/http-methods";
import { integerInRange, isBoolean, show } from "../validation/config-error";
import { headerNameProblems } from "./header-rules";

/**
 * Cross-origin access for browsers. With it, a browser can read the body of a 401 or 403 too: the
 * gateway's own responses carry the CORS headers as well as the backend's.
 *
 * @see https://fetch.spec.whatwg.org/#http-cors-protocol
 */
export interface CorsOptions {
  /**
   * The one origin allowed to read responses (`https://app.example.com`), or `*` for any. One: a gateway
   * response can only carry a static value, so it cannot pick the caller's origin out of a list.
   */
  readonly allowOrigin: string;
  /**
   * Request headers a preflight allows.
   * @default ["Content-Type"]
   */
  readonly allowHeaders?: readonly string[];
  /**
   * Methods a preflight allows.
   * @default ["GET", "OPTIONS"]
   */
  readonly allowMethods?: readonly string[];
  /**
   * How long a browser may cache a preflight's answer, in seconds.
   * @default 600
   */
  readonly maxAgeSeconds?: number;
  /**
   * Response headers a script may read besides the CORS-safelisted ones.
   * @default - none
   */
  readonly exposeHeaders?: readonly string[];
  /**
   * Whether credentialed requests (cookies, HTTP auth) may read responses; not with origin `*`.
   * @default false
   */
  readonly allowCredentials?: boolean;
}

const ORIGIN = /^https?:\/\/[a-z0-9.-]+(?::\d{1,5})?$/;
/** The methods a preflight can allow: every HTTP method API Gateway knows, `ANY` being no method. */
export const CORS_METHODS: readonly string[] = HTTP_METHODS.filter((method) => method !== "ANY");
const KNOWN_KEYS = ["allowOrigin", "allowHeaders", "allowMethods", "maxAgeSeconds", "exposeHeaders", "allowCredentials"];

/** Every problem with CORS options; `field` prefixes the property names. */
export function corsProblems(cors: unknown, field = "cors"): string[] {
  if (typeof cors !== "object" || cors === null || Array.isArray(cors)) {
    return [`property '${field}' must be an object {allowOrigin, allowHeaders?, allowMethods?, maxAgeSeconds?, exposeHeaders?, allowCredentials?}, got ${show(cors)}`];
  }
  const options = cors as Record<string, unknown>;
  const problems = Object.keys(options)
    .filter((key) => !KNOWN_KEYS.includes(key))
    .map((key) => `property '${field}.${key}' is not known; allowed: ${KNOWN_KEYS.join(", ")}`);
  const origin = options.allowOrigin;
  if (origin !== "*" && (typeof origin !== "string" || !ORIGIN.test(origin))) {
    problems.push(`property '${field}.allowOrigin' must be '*' or one origin such as https://app.example.com (scheme, lower-case host, optional port, no path), got ${show(origin)}`);
  }
  for (const list of ["allowHeaders", "exposeHeaders"] as const) {
    const value = options[list];
    if (value === undefined) {
      continue;
    }
    if (!Array.isArray(value) || value.length === 0) {
      problems.push(`property '${field}.${list}' must be a non-empty list of header names, got ${show(value)}`);
    } else {
      value.forEach((name: unknown, index) => problems.push(...headerNameProblems(`${field}.${list}[${index}]`, name)));
    }
  }
  const methods = options.allowMethods;
  if (methods !== undefined && (!Array.isArray(methods) || methods.length === 0 || methods.some((m) => !CORS_METHODS.includes(m as string)))) {
    problems.push(`property '${field}.allowMethods' must be a non-empty list of ${CORS_METHODS.join(", ")}, got ${show(methods)}`);
  }
  if (options.maxAgeSeconds !== undefined) {
    problems.push(...integerInRange(`${field}.maxAgeSeconds`, options.maxAgeSeconds, 0, 86400));
  }
  if (options.allowCredentials !== undefined) {
    problems.push(...isBoolean(`${field}.allowCredentials`, options.allowCredentials));
    if (options.allowCredentials === true && origin === "*") {
      problems.push(`property '${field}.allowCredentials' cannot be true with allowOrigin '*' (browsers refuse it); name one origin`);
    }
  }
  return problems;
}

/** The CORS headers every response carries. Call {@link corsProblems} first. */
export function corsResponseHeaders(cors: CorsOptions): Record<string, string> {
  return {
    "Access-Control-Allow-Origin": cors.allowOrigin,
    ...(cors.exposeHeaders ? { "Access-Control-Expose-Headers": cors.exposeHeaders.join(",") } : {}),
    ...(cors.allowCredentials ? { "Access-Control-Allow-Credentials": "true" } : {}),
  };
}

/** The headers only a preflight (`OPTIONS`) answer carries. */
export function corsPreflightHeaders(cors: CorsOptions): Record<string, string> {
  return {
    "Access-Control-Allow-Methods": (cors.allowMethods ?? ["GET", "OPTIONS"]).join(","),
    "Access-Control-Allow-Headers": (cors.allowHeaders ?? ["Content-Type"]).join(","),
    "Access-Control-Max-Age": String(cors.maxAgeSeconds ?? 600),
  };
}
