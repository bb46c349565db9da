import { mappedHeaders, RenderInput, RenderedResponse } from "../render/gateway-response-renderer";
import type { ContextValues } from "../render/request-context";
import type { IntegrationModel } from "../stack/stack-model";
import { renderTemplate } from "../render/templates";

type MockIntegration = Extract<IntegrationModel, { type: "MOCK" }>;

/**
 * Answers a MOCK integration (the CORS preflight's): the status code its request template selects picks the
 * integration response whose `selection_pattern` matches it, else the default one (no pattern); that
 * response's static or mapped `method.response.header.*` values and template make the reply.
 *
 * @returns `undefined` when no integration response matches — API Gateway's "No match for output mapping"
 *   configuration error (500).
 */
export function answerMock(integration: MockIntegration, input: RenderInput, context: ContextValues): RenderedResponse | undefined {
  const code = String(integration.statusCode);
  const chosen =
    integration.responses.find((response) => response.selectionPattern?.test(code) === true) ??
    integration.responses.find((response) => response.selectionPattern === undefined);
  if (chosen === undefined) {
    return undefined;
  }
  const contentType = "application/json" in chosen.templates ? "application/json" : Object.keys(chosen.templates)[0] ?? "application/json";
  const template = chosen.templates[contentType];
  const headers = new Map<string, string>([["content-type", contentType]]);
  for (const [name, value] of mappedHeaders(chosen.headers, input, context)) {
    headers.set(name, value);
  }
  return {
    statusCode: chosen.statusCode,
    headers: [...headers],
    body: Buffer.from(template === undefined ? "" : renderTemplate(template, context, input.stageVariables), "utf8"),
  };
}
