import { contextValuesOf } from "../lambda/lambda-events";
import type { Step } from "../pipeline/step";
import { GatewayErrors } from "../render/response-types";

/**
 * Identity sources: for a method with a Lambda authorizer, read the identity-source values and refuse with
 * 401, without invoking the Lambda, what API Gateway refuses there (a missing or empty source with caching
 * on; a TOKEN not matching its validation expression).
 */
export const identitySourcesStep: Step = {
  name: "identity sources",
  run(invocation, { model, authorizers }) {
    const method = invocation.method;
    if (method === undefined || method.authorization !== "CUSTOM" || method.authorizerAddress === undefined) {
      return;
    }
    const facts = invocation.routed();
    const authorizer = model.authorizers.get(method.authorizerAddress);
    if (authorizer === undefined) {
      invocation.fail(GatewayErrors.authorizerConfiguration());
      return;
    }
    invocation.authorizerModel = authorizer;
    const checked = authorizers.checkIdentity(authorizer, facts, contextValuesOf(facts));
    if (checked.kind === "identity") {
      invocation.identity = checked.identity;
    } else {
      invocation.decidedBy = checked.via;
      invocation.fail(checked.error, `${authorizer.name}: ${checked.detail ?? ""}`);
    }
  },
};
