/**
 * The value of a static literal in `response_parameters`, read as API Gateway reads it: the text between
 * the first and the last single quote, taken as it stands. There is no escape to undo — a quote inside is
 * part of the value (`'frame-ancestors 'none''` → `frame-ancestors 'none'`), as the synthesized stack
 * writes it. `undefined` when the string is not a quoted literal (then it may be a mapping expression).
 *
 * @see DataBiosphere/azul test/integration_test.py (`test_default_4xx_response_headers`): a deployed
 *   gateway response written `'…'` around a CSP with keyword quotes sends that CSP verbatim.
 */
export function readStaticValue(literal: string): string | undefined {
  return literal.length >= 2 && literal.startsWith("'") && literal.endsWith("'") ? literal.slice(1, -1) : undefined;
}
