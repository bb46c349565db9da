import { ResponseType } from "../gateway-responses/response-type";
import { headerValue } from "./header-mappings";
import type { IncomingRequest } from "./incoming-request";
import type { ContextValues } from "./request-context";
import { BUILT_IN_RESPONSES, GatewayError } from "./response-types";
import type { GatewayResponseModel, HeaderMapping } from "./stack-model";
import { renderTemplate } from "./templates";

/** An HTTP response, ready to write. Header names are lower case. */
export interface RenderedResponse {
  readonly statusCode: number;
  readonly headers: readonly (readonly [string, string])[];
  readonly body: Buffer;
}

/** What a gateway response needs to know about the request. */
export interface RenderInput {
  readonly request: IncomingRequest;
  readonly pathParameters: Readonly<Record<string, string>>;
  /** The request's `$context` variables (without `error.*`, which are added here). */
  readonly context: ContextValues;
  readonly stageVariables: Readonly<Record<string, string>>;
}

const DEFAULT_TEMPLATE = (key: string): string => `{"${key}":$context.error.messageString}`;

/**
 * Renders the gateway's own response for an error, as API Gateway chooses it:
 *
 * 1. the stack's customisation of the error's type, if any;
 * 2. otherwise the stack's DEFAULT_4XX or DEFAULT_5XX (by the type's own status class), whose status code,
 *    if set, applies to every type that falls back to it;
 * 3. otherwise AWS's built-in response `{"message":$context.error.messageString}`.
 *
 * A customised type does not inherit DEFAULT_4XX/5XX headers (AWS does not document that it does).
 * `x-amzn-errortype` names the error as AWS does; a header the stack maps itself wins over it.
 */
export function renderGatewayResponse(
  error: GatewayError,
  responses: ReadonlyMap<string, GatewayResponseModel>,
  input: RenderInput,
): { response: RenderedResponse; answeredBy: string } {
  const builtIn = BUILT_IN_RESPONSES[error.type];
  const ownStatus = error.statusCode ?? builtIn.statusCode ?? (error.type === ResponseType.DEFAULT_4XX ? 400 : 500);
  const fallbackType = ownStatus >= 500 ? ResponseType.DEFAULT_5XX : ResponseType.DEFAULT_4XX;
  const custom = responses.get(error.type) ?? responses.get(fallbackType);
  const statusCode = custom?.statusCode ?? ownStatus;

  const context = new Map(input.context);
  context.set("error.message", error.message ?? "");
  context.set("error.messageString", JSON.stringify(error.message));
  context.set("error.responseType", error.type);
  context.set("error.validationErrorString", "");

  const templates = custom?.templates ?? {};
  const contentType = "application/json" in templates ? "application/json" : Object.keys(templates)[0] ?? "application/json";
  const template = templates[contentType] ?? DEFAULT_TEMPLATE(builtIn.bodyKey);
  const body = renderTemplate(template, context, input.stageVariables);

  const headers = new Map<string, string>([["content-type", contentType]]);
  for (const [name, value] of mappedHeaders(custom?.headers ?? [], input, context)) {
    headers.set(name, value);
  }
  if (!headers.has("x-amzn-errortype")) {
    headers.set("x-amzn-errortype", error.errorType ?? builtIn.errorType);
  }
  const source = responses.has(error.type) ? error.type : custom !== undefined ? `${fallbackType} for ${error.type}` : `built-in ${error.type}`;
  return {
    response: { statusCode, headers: [...headers], body: Buffer.from(body, "utf8") },
    answeredBy: `gateway-response ${source}`,
  };
}

/** Header mappings resolved for a request, names lower-cased; a mapping with no value is left out. */
export function mappedHeaders(mappings: readonly HeaderMapping[], input: RenderInput, context: ContextValues): [string, string][] {
  const result: [string, string][] = [];
  for (const mapping of mappings) {
    const value = headerValue(mapping.source, input.request, input.pathParameters, context, input.stageVariables);
    if (value !== undefined) {
      result.push([mapping.name.toLowerCase(), value]);
    }
  }
  return result;
}
