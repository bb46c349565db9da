import { show } from "../validation/config-error";
import { isResponseType, ResponseType, ResponseTypeName } from "./response-type";

/** How one gateway-generated response is customised. */
export interface GatewayResponseSpec {
  /** Which response API Gateway generates. */
  readonly type: ResponseTypeName;
  /**
   * The HTTP status code to answer with.
   * @default - the type's own status code (on DEFAULT_4XX/DEFAULT_5XX: each falling-back type keeps its own)
   */
  readonly statusCode?: number;
  /**
   * The literal `message` of the JSON body `{"message":"…"}`.
   * @default - API Gateway's own message for the error (`$context.error.messageString`)
   */
  readonly message?: string;
}

/**
 * The responses the example reproduces, plus every response a client of an authorizer-protected method
 * can otherwise receive from the gateway itself: a crashing or misconfigured authorizer (500) and the
 * catch-alls for every other 4XX and 5XX (unknown routes, throttling, a failing backend).
 */
export const DEFAULT_GATEWAY_RESPONSES: readonly GatewayResponseSpec[] = Object.freeze([
  { type: ResponseType.UNAUTHORIZED, statusCode: 401, message: "認証エラー: UNAUTHORIZED" },
  { type: ResponseType.ACCESS_DENIED, statusCode: 403, message: "認可エラー: ACCESS_DENIED" },
  { type: ResponseType.AUTHORIZER_FAILURE, statusCode: 500 },
  { type: ResponseType.AUTHORIZER_CONFIGURATION_ERROR, statusCode: 500 },
  { type: ResponseType.DEFAULT_4XX },
  { type: ResponseType.DEFAULT_5XX },
]);

/** API Gateway's own body template, which keeps the message it generated. */
const AWS_MESSAGE_TEMPLATE = '{"message":$context.error.messageString}';

/** The `application/json` body template of a response. */
export function responseTemplate(spec: GatewayResponseSpec): string {
  return spec.message === undefined ? AWS_MESSAGE_TEMPLATE : JSON.stringify({ message: spec.message });
}

/** Every problem with a list of specs; `field` prefixes the property names in the messages. */
export function gatewayResponseProblems(specs: unknown, field = "gatewayResponses"): string[] {
  if (!Array.isArray(specs)) {
    return [`property '${field}' must be a list of {type, statusCode?, message?}, got ${show(specs)}`];
  }
  const problems: string[] = [];
  const seen = new Set<string>();
  specs.forEach((spec: unknown, index) => {
    const at = `${field}[${index}]`;
    if (typeof spec !== "object" || spec === null || Array.isArray(spec)) {
      problems.push(`property '${at}' must be an object {type, statusCode?, message?}, got ${show(spec)}`);
      return;
    }
    const { type, statusCode, message, ...rest } = spec as Record<string, unknown>;
    for (const unknownKey of Object.keys(rest)) {
      problems.push(`property '${at}.${unknownKey}' is not known; allowed: type, statusCode, message`);
    }
    if (!isResponseType(type)) {
      problems.push(
        `property '${at}.type' must be one of ${Object.values(ResponseType).join(", ")}, got ${show(type)}`,
      );
    } else if (seen.has(type)) {
      problems.push(`property '${at}.type' repeats ${type}; each response type may be customised once`);
    } else {
      seen.add(type);
    }
    if (
      statusCode !== undefined &&
      (typeof statusCode !== "number" || !Number.isInteger(statusCode) || statusCode < 100 || statusCode > 599)
    ) {
      problems.push(`property '${at}.statusCode' must be a whole number from 100 to 599, got ${show(statusCode)}`);
    }
    if (message !== undefined && (typeof message !== "string" || /[$\u0000-\u001f]/.test(message))) {
      // `$` would start a template variable: API Gateway substitutes `$context.*` in the body template.
      problems.push(
        `property '${at}.message' must be text without '$' or control characters, got ${show(message)}`,
      );
    }
  });
  return problems;
}
