import { ConfigError, show } from "../validation/config-error";

/**
 * The one rule for a static header value in `responseParameters` (gateway responses and the CORS
 * preflight's integration response): the value is written between one pair of single quotes, and API
 * Gateway sends everything between the first and the last character as it stands. There is no escape: a
 * quote inside the value is written as itself (`'frame-ancestors 'none''` sends `frame-ancestors 'none'`).
 * Neither a backslash nor a doubled quote is documented as an escape; either may reach the client as
 * written and break a CSP keyword.
 *
 * Inside the quotes: visible ASCII and inner spaces. Control characters (a line break above all) would
 * allow header injection, and a leading or trailing space would be trimmed by HTTP clients, so the value
 * a client sees would differ from the policy's.
 *
 * @see DataBiosphere/azul src/azul/infra/terraform.py — gateway responses carry a CSP with keyword quotes
 *   written as `'${value}'`, "since API Gateway allows internal single quotes" (pull request #6385)
 * @see DataBiosphere/azul test/integration_test.py — `test_default_4xx_response_headers`: the deployed
 *   API's own 403 for an unknown path carries exactly that CSP
 * @see https://docs.aws.amazon.com/apigateway/latest/api/API_IntegrationResponse.html ("a static value
 *   enclosed within a pair of single quotes")
 */
const STATIC_VALUE = /^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/;

/** What {@link STATIC_VALUE} allows, in the words of the error messages. */
const ALLOWED = "printable ASCII, without newlines or leading/trailing spaces";

/** `problems` for a value that is sent as a static header value; `field` names it in the message. */
export function staticValueProblems(field: string, value: unknown): string[] {
  return typeof value === "string" && STATIC_VALUE.test(value) ? [] : [`property '${field}' must be ${ALLOWED}, got ${show(value)}`];
}

/**
 * The static literal API Gateway reads as `value`: `'value'`, quotes inside written as they are.
 * @throws ConfigError naming the header when the value breaks the rule.
 */
export function staticValueLiteral(header: string, value: string): string {
  if (!STATIC_VALUE.test(value)) {
    throw new ConfigError([`header '${header}' must have a static value of ${ALLOWED}, got ${show(value)}`]);
  }
  return `'${value}'`;
}

/** `{ "<prefix><Name>": "'<value>'" }` for every header, each literal written by {@link staticValueLiteral}. */
export function staticParameters(prefix: string, headers: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [`${prefix}${name}`, staticValueLiteral(name, value)]));
}
