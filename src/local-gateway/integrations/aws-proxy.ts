import { EventJson } from "../lambda/event-json";
import { proxyEventJson } from "../lambda/proxy-event-json";
import { parseProxyResult } from "../lambda/proxy-result";
import { newRequestId } from "../local-ids";
import { GatewayErrors } from "../render/response-types";
import type { IntegrationModel } from "../stack/stack-model";
import type { Integration } from "./integration";
import { sendsBinary } from "./binary-media";
import { remapIntegrationHeaders } from "./remapped-headers";

/**
 * AWS_PROXY: the REST (1.0) proxy event to the function, its result checked and passed on. A function
 * error, timeout or malformed result is a 502 through DEFAULT_5XX; the integration's own timeout passing
 * first, INTEGRATION_TIMEOUT (504).
 */
export const awsProxyIntegration: Integration<Extract<IntegrationModel, { type: "AWS_PROXY" }>> = {
  async run(integration, invocation, { model, invoker }) {
    const facts = invocation.routed();
    const name = model.functions.get(integration.functionAddress)?.functionName ?? integration.functionAddress;
    const event = new EventJson(proxyEventJson(facts, model.binaryMediaTypes, invocation.authorizer));
    const outcome = await withTimeout(invoker.invoke(integration.functionAddress, event, newRequestId()), integration.timeoutMilliseconds);
    if (outcome === "timeout") {
      invocation.fail(GatewayErrors.integrationTimeout());
      return;
    }
    if (outcome.kind === "error") {
      invocation.fail(GatewayErrors.lambdaProxyFailure(), `${name} failed: ${outcome.errorType}: ${outcome.errorMessage}`);
      return;
    }
    const parsed = parseProxyResult(outcome.payload);
    if (!parsed.ok) {
      invocation.fail(GatewayErrors.lambdaProxyFailure(), `Malformed Lambda proxy response from ${name}: ${parsed.reason}`);
      return;
    }
    const remapped = remapIntegrationHeaders(parsed.response.headers);
    const headers = remapped.some(([header]) => header === "content-type") ? remapped : [["content-type", "application/json"] as const, ...remapped];
    headers.push(["x-amzn-trace-id", facts.traceId]);
    const { body, isBase64Encoded } = parsed.response;
    const binary = sendsBinary(isBase64Encoded, facts.request.header("accept"), model.binaryMediaTypes);
    invocation.answer = {
      response: { statusCode: parsed.response.statusCode, headers, body: Buffer.from(body, binary ? "base64" : "utf8") },
      answeredBy: `integration AWS_PROXY ${name}`,
    };
  },
};

/** The outcome, or "timeout" should `milliseconds` pass first; one timer and one promise per request. */
function withTimeout<T>(promise: Promise<T>, milliseconds: number): Promise<T | "timeout"> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, milliseconds, "timeout");
    promise.then(
      (outcome) => {
        clearTimeout(timer);
        resolve(outcome);
      },
      // LambdaRunner never rejects; another invoker that does fails the request as a defect of the gateway.
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
