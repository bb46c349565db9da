import { isBoolean, show, throwIfProblems } from "../validation/config-error";
import { CorsOptions, corsPreflightHeaders, corsProblems, corsResponseHeaders } from "./cors";
import { contentSecurityPolicyProblems, headerNameProblems } from "./header-rules";
import { HstsOptions, hstsProblems, renderHsts } from "./hsts";
import { FRAME_OPTIONS, OWASP_API_HEADER_DEFAULTS, REFERRER_POLICIES } from "./security-header-defaults";
import { staticParameters, staticValueProblems } from "./static-value";

export { staticParameters } from "./static-value";

/** The header that carries the HSTS policy. */
export const HSTS_HEADER = "Strict-Transport-Security";

/** The headers this policy renders from its own options; `additionalHeaders` may not set them. */
const RESERVED_HEADER_NAMES = [
  HSTS_HEADER,
  "X-Content-Type-Options",
  "Cache-Control",
  "Content-Security-Policy",
  "X-Frame-Options",
  "Referrer-Policy",
  "Access-Control-Allow-Origin",
  "Access-Control-Allow-Credentials",
  "Access-Control-Expose-Headers",
  "Access-Control-Allow-Methods",
  "Access-Control-Allow-Headers",
  "Access-Control-Max-Age",
];

/** Options of a {@link SecurityHeaderPolicy}. `false` leaves a header out. */
export interface SecurityHeaderPolicyProps {
  /**
   * The `Strict-Transport-Security` header.
   * @default - `max-age=31536000; includeSubDomains`
   */
  readonly hsts?: HstsOptions;
  /**
   * Whether to send `X-Content-Type-Options: nosniff`.
   * @default true
   */
  readonly contentTypeOptions?: boolean;
  /**
   * `Cache-Control`.
   * @default "no-store"
   */
  readonly cacheControl?: string | false;
  /**
   * `Content-Security-Policy`.
   * @default "frame-ancestors 'none'"
   */
  readonly contentSecurityPolicy?: string | false;
  /**
   * `X-Frame-Options`: `DENY` or `SAMEORIGIN`.
   * @default "DENY"
   */
  readonly frameOptions?: string | false;
  /**
   * `Referrer-Policy`.
   * @default "no-referrer"
   */
  readonly referrerPolicy?: string | false;
  /**
   * Cross-origin access: the `Access-Control-*` headers on every response, and the preflight's own.
   * @default - no CORS headers; browsers on other origins cannot read responses
   */
  readonly cors?: CorsOptions;
  /**
   * Further headers for every response, after the ones above, as name → static value.
   * @default - none
   */
  readonly additionalHeaders?: Readonly<Record<string, string>>;
}

/**
 * Every problem with the props; `field` prefixes the property names in the messages.
 *
 * @see https://cheatsheetseries.owasp.org/cheatsheets/HTTP_Headers_Cheat_Sheet.html
 */
export function securityHeaderProblems(props: SecurityHeaderPolicyProps, field: string): string[] {
  const problems = hstsProblems(props.hsts ?? {}, `${field}.hsts`);
  if (props.contentTypeOptions !== undefined) {
    problems.push(...isBoolean(`${field}.contentTypeOptions`, props.contentTypeOptions));
  }
  if (props.cacheControl !== undefined && props.cacheControl !== false) {
    problems.push(...staticValueProblems(`${field}.cacheControl`, props.cacheControl));
  }
  if (props.contentSecurityPolicy !== undefined && props.contentSecurityPolicy !== false) {
    problems.push(...contentSecurityPolicyProblems(`${field}.contentSecurityPolicy`, props.contentSecurityPolicy));
  }
  if (props.frameOptions !== undefined && props.frameOptions !== false && !(FRAME_OPTIONS as readonly unknown[]).includes(props.frameOptions)) {
    problems.push(`property '${field}.frameOptions' must be ${FRAME_OPTIONS.join(" or ")} or false, got ${show(props.frameOptions)}`);
  }
  if (props.referrerPolicy !== undefined && props.referrerPolicy !== false && !(REFERRER_POLICIES as readonly unknown[]).includes(props.referrerPolicy)) {
    problems.push(`property '${field}.referrerPolicy' must be one of ${REFERRER_POLICIES.join(", ")} or false, got ${show(props.referrerPolicy)}`);
  }
  if (props.cors !== undefined) {
    problems.push(...corsProblems(props.cors, `${field}.cors`));
  }
  const additional: unknown = props.additionalHeaders ?? {};
  if (typeof additional !== "object" || additional === null || Array.isArray(additional)) {
    return [...problems, `property '${field}.additionalHeaders' must be an object of header name to value, got ${show(additional)}`];
  }
  const seen = new Set(RESERVED_HEADER_NAMES.map((name) => name.toLowerCase()));
  for (const [name, value] of Object.entries(additional)) {
    problems.push(...headerNameProblems(`${field}.additionalHeaders name`, name));
    problems.push(...staticValueProblems(`${field}.additionalHeaders[${JSON.stringify(name)}]`, value));
    if (seen.has(name.toLowerCase())) {
      problems.push(`property '${field}.additionalHeaders' must not repeat the header ${JSON.stringify(name)} (names are case-insensitive; configure it through its own option)`);
    }
    seen.add(name.toLowerCase());
  }
  return problems;
}

/**
 * The single source of truth for the headers of every response: the gateway's own (401, 403, 5XX…),
 * the CORS preflight's and the backend's are all rendered from one instance, so they cannot drift apart.
 */
export class SecurityHeaderPolicy {
  /** Header name → value for every response, HSTS first. */
  public readonly headers: Readonly<Record<string, string>>;
  /** The extra headers of a CORS preflight answer; `undefined` without CORS. */
  public readonly preflightHeaders: Readonly<Record<string, string>> | undefined;

  /** @throws ConfigError naming every bad field. */
  constructor(props: SecurityHeaderPolicyProps = {}, field = "securityHeaders") {
    throwIfProblems(securityHeaderProblems(props, field));
    this.headers = Object.freeze({ ...renderStandardHeaders(props), ...props.additionalHeaders });
    this.preflightHeaders = props.cors ? Object.freeze(corsPreflightHeaders(props.cors)) : undefined;
  }

  /**
   * The headers as `response_parameters` of an `aws_api_gateway_gateway_response`: each static value
   * single-quoted by {@link staticParameters}, as API Gateway requires (an unquoted value is read as a
   * mapping expression).
   */
  public toGatewayResponseParameters(): Record<string, string> {
    return staticParameters("gatewayresponse.header.", this.headers);
  }

  /** The headers as one JSON string, the form the backend Lambda reads from its environment. */
  public toJson(): string {
    return JSON.stringify(this.headers);
  }
}

function renderStandardHeaders(props: SecurityHeaderPolicyProps): Record<string, string> {
  const d = OWASP_API_HEADER_DEFAULTS;
  const pick = <T extends string>(value: T | false | undefined, fallback: T): T | undefined =>
    value === false ? undefined : (value ?? fallback);
  const entries: [string, string | undefined][] = [
    [HSTS_HEADER, renderHsts(props.hsts ?? {})],
    ["X-Content-Type-Options", (props.contentTypeOptions ?? d.contentTypeOptions) ? "nosniff" : undefined],
    ["Cache-Control", pick(props.cacheControl, d.cacheControl)],
    ["Content-Security-Policy", pick(props.contentSecurityPolicy, d.contentSecurityPolicy)],
    ["X-Frame-Options", pick(props.frameOptions, d.frameOptions)],
    ["Referrer-Policy", pick(props.referrerPolicy, d.referrerPolicy)],
  ];
  return {
    ...Object.fromEntries(entries.filter((entry): entry is [string, string] => entry[1] !== undefined)),
    ...(props.cors ? corsResponseHeaders(props.cors) : {}),
  };
}
