import { AuthorizerFacts, contextValuesOf, RequestFacts } from "../lambda/lambda-events";
import type { RenderInput } from "./gateway-response-renderer";

/** What templates and header mappings read about a routed request. */
export function renderInputOf(facts: RequestFacts, authorizer?: AuthorizerFacts): RenderInput {
  return {
    request: facts.request,
    pathParameters: facts.pathParameters,
    context: contextValuesOf(facts, authorizer),
    stageVariables: facts.stage.variables,
  };
}
