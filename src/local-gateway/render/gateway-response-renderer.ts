import { ResponseType } from "../../gateway-responses/response-type";
import { headerValue } from "../header-mappings";
import type { IncomingRequest } from "../parse/incoming-request";
import { ContextValues, LayeredContextValues } from "./request-context";
import { BUILT_IN_RESPONSES, GatewayError } from "./response-types";
import type { GatewayResponseModel, HeaderMapping } from "../stack/stack-model";
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

/** A gateway response, chosen for an error, before it meets a request. */
interface Plan {
  readonly statusCode: number;
  readonly contentType: string;
  readonly template: string;
  readonly mappings: readonly HeaderMapping[];
  readonly errorType: string;
  readonly answeredBy: string;
  /** The finished response when nothing in it depends on the request (static template and headers). */
  readonly fixed?: RenderedResponse;
}

const DEFAULT_TEMPLATE = (key: string): string => `{"${key}":$context.error.messageString}`;
const plans = new WeakMap<ReadonlyMap<string, GatewayResponseModel>, Map<string, Plan>>();

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
 * The choice is made once per error and stack; a response with nothing request-specific is rendered once.
 */
export function renderGatewayResponse(
  error: GatewayError,
  responses: ReadonlyMap<string, GatewayResponseModel>,
  input: RenderInput,
): { response: RenderedResponse; answeredBy: string } {
  let byError = plans.get(responses);
  if (byError === undefined) {
    byError = new Map();
    plans.set(responses, byError);
  }
  // A message quoting the request is left out of the key, so that callers cannot grow this map.
  const key = `${error.type}\u0000${error.statusCode ?? ""}\u0000${error.errorType ?? ""}\u0000${error.quotesRequest === true ? "\u0001" : error.message}`;
  let plan = byError.get(key);
  if (plan === undefined) {
    plan = planFor(error, responses);
    byError.set(key, plan);
  }
  if (plan.fixed !== undefined) {
    return { response: plan.fixed, answeredBy: plan.answeredBy };
  }
  return { response: render(plan, error, input), answeredBy: plan.answeredBy };
}

function planFor(error: GatewayError, responses: ReadonlyMap<string, GatewayResponseModel>): Plan {
  const builtIn = BUILT_IN_RESPONSES[error.type];
  const ownStatus = error.statusCode ?? builtIn.statusCode ?? (error.type === ResponseType.DEFAULT_4XX ? 400 : 500);
  const fallbackType = ownStatus >= 500 ? ResponseType.DEFAULT_5XX : ResponseType.DEFAULT_4XX;
  const custom = responses.get(error.type) ?? responses.get(fallbackType);
  const templates = custom?.templates ?? {};
  const contentType = "application/json" in templates ? "application/json" : Object.keys(templates)[0] ?? "application/json";
  const plan: Plan = {
    statusCode: custom?.statusCode ?? ownStatus,
    contentType,
    template: templates[contentType] ?? DEFAULT_TEMPLATE(builtIn.bodyKey),
    mappings: custom?.headers ?? [],
    errorType: error.errorType ?? builtIn.errorType,
    answeredBy: `gateway-response ${responses.has(error.type) ? error.type : custom !== undefined ? `${fallbackType} for ${error.type}` : `built-in ${error.type}`}`,
  };
  const showsMessage = /\$!?\{?context\.error\.(messageString|message)\b/.test(plan.template);
  const requestSpecific =
    plan.template.replace(/\$context\.error\.(messageString|message|responseType)\b/g, "").includes("$") ||
    plan.mappings.some((m) => m.source.kind !== "static") ||
    (error.quotesRequest === true && showsMessage);
  if (requestSpecific) {
    return plan;
  }
  return { ...plan, fixed: render(plan, error, undefined) };
}

/** Renders a plan; without a request, only for a plan whose headers are all static. */
function render(plan: Plan, error: GatewayError, input: RenderInput | undefined): RenderedResponse {
  const context = new LayeredContextValues(
    input?.context ?? { get: () => undefined },
    new Map([
      ["error.message", error.message ?? ""],
      ["error.messageString", JSON.stringify(error.message)],
      ["error.responseType", error.type],
      ["error.validationErrorString", ""],
    ]),
  );
  const headers = new Map<string, string>([["content-type", plan.contentType]]);
  const resolved =
    input === undefined
      ? plan.mappings.flatMap((m): [string, string][] => (m.source.kind === "static" ? [[m.name.toLowerCase(), m.source.value]] : []))
      : mappedHeaders(plan.mappings, input, context);
  for (const [name, value] of resolved) {
    headers.set(name, value);
  }
  if (!headers.has("x-amzn-errortype")) {
    headers.set("x-amzn-errortype", plan.errorType);
  }
  return {
    statusCode: plan.statusCode,
    headers: [...headers],
    body: Buffer.from(renderTemplate(plan.template, context, input?.stageVariables ?? {}), "utf8"),
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
