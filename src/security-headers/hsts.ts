import { integerInRange, isBoolean, show } from "../validation/config-error";

/**
 * Options of the `Strict-Transport-Security` header.
 *
 * @see https://www.rfc-editor.org/rfc/rfc6797#section-6.1
 * @see https://hstspreload.org/#deployment-recommendations
 */
export interface HstsOptions {
  /**
   * How long, in seconds, a browser remembers to use only HTTPS for the host.
   * @default 31536000 (one year)
   */
  readonly maxAgeSeconds?: number;
  /**
   * Whether the policy also covers every subdomain of the host.
   * @default true
   */
  readonly includeSubDomains?: boolean;
  /**
   * Whether to ask for inclusion in browsers' preload lists. Preloading is hard to undo (removal takes
   * months to reach users), so it is something a user opts in to, as OWASP advises.
   * @default false
   */
  readonly preload?: boolean;
}

/** The smallest max-age the HSTS preload list accepts: one year. */
export const HSTS_PRELOAD_MIN_MAX_AGE_SECONDS = 31_536_000;

/** Two years: the largest max-age we accept, the value the preload list recommends. */
export const HSTS_MAX_MAX_AGE_SECONDS = 63_072_000;

/** The options with every default filled in. */
export function hstsWithDefaults(options: HstsOptions = {}): Required<HstsOptions> {
  return {
    maxAgeSeconds: options.maxAgeSeconds ?? HSTS_PRELOAD_MIN_MAX_AGE_SECONDS,
    includeSubDomains: options.includeSubDomains ?? true,
    preload: options.preload ?? false,
  };
}

/** Every problem with the options; `field` prefixes the property names in the messages. */
export function hstsProblems(options: HstsOptions, field = "hsts"): string[] {
  const resolved = hstsWithDefaults(options);
  const problems = [
    ...integerInRange(`${field}.maxAgeSeconds`, resolved.maxAgeSeconds, 0, HSTS_MAX_MAX_AGE_SECONDS),
    ...isBoolean(`${field}.includeSubDomains`, resolved.includeSubDomains),
    ...isBoolean(`${field}.preload`, resolved.preload),
  ];
  if (resolved.preload === true) {
    if (resolved.includeSubDomains !== true) {
      problems.push(
        `property '${field}.preload' requires '${field}.includeSubDomains' to be true (the preload list demands it), got ${show(resolved.includeSubDomains)}`,
      );
    }
    if (typeof resolved.maxAgeSeconds === "number" && resolved.maxAgeSeconds < HSTS_PRELOAD_MIN_MAX_AGE_SECONDS) {
      problems.push(
        `property '${field}.preload' requires '${field}.maxAgeSeconds' to be at least ${HSTS_PRELOAD_MIN_MAX_AGE_SECONDS} (the preload list demands it), got ${resolved.maxAgeSeconds}`,
      );
    }
  }
  return problems;
}

/** The header value, e.g. `max-age=31536000; includeSubDomains`. Call {@link hstsProblems} first. */
export function renderHsts(options: HstsOptions = {}): string {
  const resolved = hstsWithDefaults(options);
  return [
    `max-age=${resolved.maxAgeSeconds}`,
    ...(resolved.includeSubDomains ? ["includeSubDomains"] : []),
    ...(resolved.preload ? ["preload"] : []),
  ].join("; ");
}
