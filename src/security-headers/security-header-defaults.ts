/**
 * The headers OWASP recommends for JSON APIs, each on by default. Secure defaults are data: the policy
 * reads them, tests read them, and nothing has to be synthesized to know what they are.
 *
 * @see https://cheatsheetseries.owasp.org/cheatsheets/REST_Security_Cheat_Sheet.html#security-headers
 */
export const OWASP_API_HEADER_DEFAULTS = {
  /** `X-Content-Type-Options: nosniff`: browsers must not guess a JSON body into something executable. */
  contentTypeOptions: true,
  /** API responses (401s included) must not be stored by shared or browser caches. */
  cacheControl: "no-store",
  /** A JSON API has nothing to frame; `frame-ancestors` is the standard form of X-Frame-Options. */
  contentSecurityPolicy: "frame-ancestors 'none'",
  /** For browsers without CSP level 2. */
  frameOptions: "DENY",
  /** Nothing of the API's URLs leaks to other sites through Referer. */
  referrerPolicy: "no-referrer",
} as const;

/** The values `Referrer-Policy` accepts. */
export const REFERRER_POLICIES = [
  "no-referrer",
  "no-referrer-when-downgrade",
  "origin",
  "origin-when-cross-origin",
  "same-origin",
  "strict-origin",
  "strict-origin-when-cross-origin",
  "unsafe-url",
] as const;

/** The values `X-Frame-Options` accepts (ALLOW-FROM is obsolete). */
export const FRAME_OPTIONS = ["DENY", "SAMEORIGIN"] as const;
