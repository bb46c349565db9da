import { methodArn } from "../local-ids";
import { eventPathOf } from "../route/request-path";
import type { Step } from "../pipeline/step";
import type { AuthorizationOutcome } from "./authorizer-emulator";

/**
 * Authorize: the authorizer's cached result for these identity values, else its Lambda's, evaluated
 * against the request's own method ARN. A Deny, `Unauthorized` or a failure ends the path with its gateway
 * response; an Allow passes `principalId` and `context` on to the integration.
 */
export const authorizeStep: Step = {
  name: "authorize",
  run(invocation, { model, authorizers }) {
    const authorizer = invocation.authorizerModel;
    const identity = invocation.identity;
    if (authorizer === undefined || identity === undefined) {
      return undefined;
    }
    const facts = invocation.routed();
    const arn = methodArn(model.region, model.apiId, facts.stage.name, facts.request.method, eventPathOf(facts.request.rawPath));
    const apply = (outcome: AuthorizationOutcome): void => {
      invocation.decidedBy = outcome.via;
      if (outcome.kind === "reject") {
        invocation.fail(outcome.error, `${authorizer.name}: ${outcome.detail ?? ""}`);
      } else {
        invocation.authorizer = outcome.authorizer;
      }
    };
    // A cached result is applied at once: the step returns nothing, and no promise is made or awaited.
    const cached = authorizers.cached(authorizer, identity, arn);
    if (cached !== undefined) {
      apply(cached);
      return undefined;
    }
    return authorizers.decide(authorizer, identity, facts, arn).then(apply);
  },
};
