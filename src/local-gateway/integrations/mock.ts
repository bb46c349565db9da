import { contextValuesOf } from "../lambda/lambda-events";
import { renderInputOf } from "../render/render-input";
import { GatewayErrors } from "../render/response-types";
import type { IntegrationModel } from "../stack/stack-model";
import type { Integration } from "./integration";
import { answerMock } from "./mock-integration";

/** MOCK: the integration response the request template's status code selects (CORS preflights). */
export const mockIntegration: Integration<Extract<IntegrationModel, { type: "MOCK" }>> = {
  run(integration, invocation) {
    const facts = invocation.routed();
    const response = answerMock(integration, renderInputOf(facts, invocation.authorizer), contextValuesOf(facts, invocation.authorizer));
    if (response === undefined) {
      invocation.fail(GatewayErrors.apiConfiguration(), "no integration response matches the MOCK status code");
    } else {
      invocation.answer = { response, answeredBy: "integration MOCK" };
    }
  },
};
