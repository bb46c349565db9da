import { traceHeader } from "../local-ids";
import type { Step } from "../pipeline/step";
import { GatewayErrors } from "../render/response-types";
import { incompleteSignatureMessage } from "./incomplete-signature";
import { eventPathOf, routeSegmentsOf } from "./request-path";
import { matchRoute } from "./routing";

/**
 * Route: the first path segment selects the stage, the rest the resource and method.
 *
 * - No such stage: no deployment serves the path, so no gateway response applies; API Gateway answers its
 *   own `403 {"message":"Forbidden"}`.
 * - No resource or method: MISSING_AUTHENTICATION_TOKEN — "Missing Authentication Token", or AWS's
 *   IncompleteSignatureException when the request carries an `Authorization` header that is not a SigV4
 *   signature (`incomplete-signature.ts`).
 * - A body over the payload limit: REQUEST_TOO_LARGE.
 */
export const routeStep: Step = {
  name: "route",
  run(invocation, { model }) {
    const request = invocation.request;
    if (request === undefined) {
      return;
    }
    const stage = model.stages.find((candidate) => candidate.name === request.segments[0]);
    if (stage === undefined) {
      invocation.answer = FORBIDDEN_OUTSIDE_STAGES;
      return;
    }
    const route = matchRoute(model.root, routeSegmentsOf(eventPathOf(request.rawPath)), request.method);
    invocation.facts = {
      request,
      stage,
      resource: route?.resource ?? model.root,
      pathParameters: route?.pathParameters ?? {},
      requestId: invocation.requestId,
      extendedRequestId: invocation.extendedRequestId,
      apiId: model.apiId,
      accountId: model.accountId,
      domainName: invocation.domainName,
      traceId: traceHeader(request.header("x-amzn-trace-id"), request.receivedAt),
    };
    if (route === undefined) {
      const signatureError = incompleteSignatureMessage({
        authorization: request.header("authorization"),
        hasDate: request.header("x-amz-date") !== undefined || request.header("date") !== undefined,
      });
      invocation.fail(
        signatureError === undefined ? GatewayErrors.missingAuthenticationToken() : GatewayErrors.incompleteSignature(signatureError),
        signatureError === undefined ? undefined : "the Authorization header is not a SigV4 signature",
      );
      return;
    }
    invocation.method = route.method;
    if (request.bodyTooLarge) {
      invocation.fail(GatewayErrors.requestTooLarge());
    }
  },
};

const FORBIDDEN_OUTSIDE_STAGES = {
  response: {
    statusCode: 403,
    headers: [
      ["content-type", "application/json"],
      ["x-amzn-errortype", "ForbiddenException"],
    ] as const,
    body: Buffer.from('{"message":"Forbidden"}', "utf8"),
  },
  answeredBy: "built-in 403 (no such stage)",
};
