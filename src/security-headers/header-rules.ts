import { show } from "../validation/config-error";
import { staticValueProblems } from "./static-value";

/**
 * An HTTP field name is a `token` (RFC 9110 §5.1). API Gateway puts it into a mapping key
 * (`gatewayresponse.header.<Name>`), where anything else is rejected or misread.
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-5.1
 */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** `problems` for a header name. */
export function headerNameProblems(field: string, name: unknown): string[] {
  if (typeof name !== "string" || !TOKEN.test(name)) {
    return [
      `property '${field}' must be an HTTP header name (letters, digits and !#$%&'*+-.^_\`|~), got ${show(name)}`,
    ];
  }
  return [];
}

/** Text in which every single quote opens a quoted keyword, nonce or hash and the next one closes it. */
const QUOTES_AROUND_KEYWORDS_ONLY = /^(?:[^']|'[A-Za-z0-9+/=_-]+')*$/;

/**
 * A Content-Security-Policy value: a static value (see {@link staticValueProblems}) whose single quotes
 * appear only around source keywords, nonces and hashes (`'none'`, `'self'`, `'nonce-…'`), as the CSP
 * grammar has them. A stray quote is no quoting problem for API Gateway, but browsers would drop the
 * source it belongs to.
 *
 * @see https://www.w3.org/TR/CSP3/#grammardef-keyword-source
 */
export function contentSecurityPolicyProblems(field: string, value: unknown): string[] {
  if (staticValueProblems(field, value).length > 0 || !QUOTES_AROUND_KEYWORDS_ONLY.test(String(value))) {
    return [
      `property '${field}' must be a Content-Security-Policy of printable ASCII, with single quotes only around keywords such as 'none', got ${show(value)}`,
    ];
  }
  return [];
}
