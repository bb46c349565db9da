import { throwIfProblems } from "../config/config-error";
import { headerNameProblems, headerValueProblems } from "./header-rules";
import { HstsOptions, hstsProblems, renderHsts } from "./hsts";

/** The header that carries the HSTS policy. */
export const HSTS_HEADER = "Strict-Transport-Security";

/** Options of a {@link SecurityHeaderPolicy}. */
export interface SecurityHeaderPolicyProps {
  /**
   * The `Strict-Transport-Security` header.
   * @default - `max-age=31536000; includeSubDomains`
   */
  readonly hsts?: HstsOptions;
  /**
   * Further headers sent with every response, after HSTS, as name → static value.
   * @default - none
   */
  readonly additionalHeaders?: Readonly<Record<string, string>>;
}

/**
 * The single source of truth for the security headers of every response: the gateway's own (401, 403,
 * 5XX…) and the backend's. Gateway responses and the backend's configuration are both rendered from one
 * instance, so the two can never drift apart.
 */
export class SecurityHeaderPolicy {
  /** Header name → value, HSTS first. */
  public readonly headers: Readonly<Record<string, string>>;

  /** @throws ConfigError naming every bad field. */
  constructor(props: SecurityHeaderPolicyProps = {}, field = "securityHeaders") {
    const hsts = props.hsts ?? {};
    const additional = props.additionalHeaders ?? {};
    const problems = hstsProblems(hsts, `${field}.hsts`);
    const seen = new Set([HSTS_HEADER.toLowerCase()]);
    for (const [name, value] of Object.entries(additional)) {
      const nameField = `${field}.additionalHeaders`;
      problems.push(...headerNameProblems(`${nameField} name`, name));
      problems.push(...headerValueProblems(`${nameField}.${name}`, value));
      if (seen.has(name.toLowerCase())) {
        problems.push(`property '${nameField}' must not repeat the header ${JSON.stringify(name)} (names are case-insensitive)`);
      }
      seen.add(name.toLowerCase());
    }
    throwIfProblems(problems);
    this.headers = Object.freeze({ [HSTS_HEADER]: renderHsts(hsts), ...additional });
  }

  /**
   * The headers as `response_parameters` of an `aws_api_gateway_gateway_response`: each static value
   * single-quoted, as API Gateway requires (an unquoted value is read as a mapping expression).
   */
  public toGatewayResponseParameters(): Record<string, string> {
    return Object.fromEntries(
      Object.entries(this.headers).map(([name, value]) => [`gatewayresponse.header.${name}`, `'${value}'`]),
    );
  }

  /** The headers as one JSON string, the form the backend Lambda reads from its environment. */
  public toJson(): string {
    return JSON.stringify(this.headers);
  }
}
