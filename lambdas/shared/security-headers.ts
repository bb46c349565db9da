/** The environment variable through which the stack hands a function its security headers. */
export const SECURITY_HEADERS_ENV = "SECURITY_HEADERS";

/**
 * Reads the header set the stack rendered from its security-header policy — the same set the gateway's
 * own responses carry — so the backend holds no second copy of any value.
 *
 * @throws Error when the variable is missing or is not a JSON object of strings: a backend that cannot
 * send its headers must fail (API Gateway then answers 502 through DEFAULT_5XX, with the headers).
 */
export function parseSecurityHeaders(json: string | undefined): Readonly<Record<string, string>> {
  if (json === undefined || json === "") {
    throw new Error(`${SECURITY_HEADERS_ENV} is not set`);
  }
  const parsed: unknown = JSON.parse(json);
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new Error(`${SECURITY_HEADERS_ENV} must be a JSON object`);
  }
  const entries = Object.entries(parsed);
  if (entries.length === 0 || entries.some(([, value]) => typeof value !== "string")) {
    throw new Error(`${SECURITY_HEADERS_ENV} must map header names to string values`);
  }
  return Object.freeze(Object.fromEntries(entries) as Record<string, string>);
}
