import { show } from "../validation/config-error";

/**
 * An HTTP field name is a `token` (RFC 9110 §5.1). API Gateway puts it into a mapping key
 * (`gatewayresponse.header.<Name>`), where anything else is rejected or misread.
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-5.1
 */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/**
 * Visible ASCII and inner spaces, without the single quote: a static value in a gateway response is
 * written as `'value'`, and a quote inside it ends the literal ("Invalid mapping expression specified").
 * Control characters (a newline above all) would allow header injection.
 */
const STATIC_VALUE = /^[\x21-\x26\x28-\x7e](?:[\x20-\x26\x28-\x7e]*[\x21-\x26\x28-\x7e])?$/;

/** `problems` for a header name. */
export function headerNameProblems(field: string, name: unknown): string[] {
  if (typeof name !== "string" || !TOKEN.test(name)) {
    return [
      `property '${field}' must be an HTTP header name (letters, digits and !#$%&'*+-.^_\`|~), got ${show(name)}`,
    ];
  }
  return [];
}

/** `problems` for a static header value. */
export function headerValueProblems(field: string, value: unknown): string[] {
  if (typeof value !== "string" || !STATIC_VALUE.test(value)) {
    return [
      `property '${field}' must be printable ASCII without single quotes, newlines or leading/trailing spaces, got ${show(value)}`,
    ];
  }
  return [];
}

/**
 * A Content-Security-Policy value: visible ASCII and spaces, where single quotes appear only around
 * source keywords, nonces and hashes (`'none'`, `'self'`, `'nonce-…'`), as CSP requires them. Any other
 * quote would end the gateway response's static literal early.
 */
export function contentSecurityPolicyProblems(field: string, value: unknown): string[] {
  const quotedTokensRemoved = typeof value === "string" ? value.replace(/'[A-Za-z0-9+/=_-]+'/g, "") : "";
  if (typeof value !== "string" || !/^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/.test(value) || quotedTokensRemoved.includes("'")) {
    return [
      `property '${field}' must be a Content-Security-Policy of printable ASCII, with single quotes only around keywords such as 'none', got ${show(value)}`,
    ];
  }
  return [];
}
