import type { GatewayReply } from "../pipeline/invocation";
import type { Step } from "../pipeline/step";
import { renderGatewayResponse } from "./gateway-response-renderer";
import { renderInputOf } from "./render-input";

/**
 * Render: the one place a response is finished. A failure becomes the gateway response API Gateway
 * chooses for it; every response of the request path gets `x-amzn-requestid` and `x-amz-apigw-id`.
 */
export const renderStep: Step = {
  name: "render",
  always: true,
  run(invocation, { model }) {
    const via = invocation.decidedBy;
    let reply: GatewayReply;
    if (invocation.failure !== undefined) {
      const { error, detail } = invocation.failure;
      const rendered = renderGatewayResponse(error, model.gatewayResponses, renderInputOf(invocation.routed(), invocation.authorizer));
      reply = { response: rendered.response, answeredBy: rendered.answeredBy, authorizer: via, detail };
    } else if (invocation.answer !== undefined) {
      const { response, answeredBy, detail, local } = invocation.answer;
      if (local === true) {
        invocation.reply = { response, answeredBy, detail };
        return;
      }
      reply = { response, answeredBy, authorizer: via, detail };
    } else {
      throw new Error("the request path ended without a response");
    }
    invocation.reply = {
      ...reply,
      response: {
        ...reply.response,
        headers: [...reply.response.headers, ["x-amzn-requestid", invocation.requestId], ["x-amz-apigw-id", invocation.extendedRequestId]],
      },
    };
  },
};
