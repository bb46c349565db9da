import type { GatewayReply } from "../pipeline/invocation";
import type { Step } from "../pipeline/step";
import { renderGatewayResponse } from "./gateway-response-renderer";
import { renderInputOf } from "./render-input";

/**
 * Render: the one place a response is finished. A failure becomes the gateway response API Gateway
 * chooses for it; every response of the request path gets `x-amzn-requestid` and `x-amz-apigw-id`, and a
 * gateway response on a stage with tracing on the request's `x-amzn-trace-id`.
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
    const ids: [string, string][] = [
      ["x-amzn-requestid", invocation.requestId],
      ["x-amz-apigw-id", invocation.extendedRequestId],
    ];
    const facts = invocation.facts;
    if (invocation.failure !== undefined && facts !== undefined && facts.stage.tracingEnabled) {
      // With X-Ray tracing on, the gateway's own responses carry the trace too.
      ids.push(["x-amzn-trace-id", facts.traceId]);
    }
    invocation.reply = { ...reply, response: { ...reply.response, headers: [...reply.response.headers, ...ids] } };
  },
};
