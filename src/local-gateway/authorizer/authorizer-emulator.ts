import { createHash } from "node:crypto";
import { AuthorizerCache, CachedGrant } from "./authorizer-cache";
import { parseAuthorizerOutput } from "./authorizer-result";
import { evaluatePolicy } from "./iam-policy";
import { identityValueLists, identityValues } from "./identity-sources";
import type { InvokeOutcome } from "../lambda/lambda-runner";
import { AuthorizerFacts, RequestFacts, requestAuthorizerEvent, tokenAuthorizerEvent } from "../lambda/lambda-events";
import { newRequestId } from "../local-ids";
import type { ContextValues } from "../render/request-context";
import type { DecisionSource, IdentityValues } from "../pipeline/invocation";
import { GatewayError, GatewayErrors } from "../render/response-types";
import type { AuthorizerModel } from "../stack/stack-model";

/** Anything that can invoke a function by its address (the Lambda runner, or a fake in unit tests). */
export interface Invoker {
  invoke(functionAddress: string, event: unknown, awsRequestId: string): Promise<InvokeOutcome>;
}

export type { DecisionSource };

/** The identity-source values, or the 401 that refuses the request before the Lambda. */
export type IdentityCheck = { readonly kind: "identity"; readonly identity: IdentityValues } | Extract<AuthorizationOutcome, { kind: "reject" }>;

/** The authorizer's verdict on one request. */
export type AuthorizationOutcome =
  | { readonly kind: "allow"; readonly authorizer: AuthorizerFacts; readonly via: DecisionSource }
  | { readonly kind: "reject"; readonly error: GatewayError; readonly via: DecisionSource; readonly detail?: string };

/** The exact error message a Lambda authorizer fails with to ask for a 401. */
const UNAUTHORIZED_MESSAGE = "Unauthorized";
const MAX_MEMOISED_DECISIONS = 256;

/**
 * API Gateway's Lambda authorizer step.
 *
 * - Identity sources first: a TOKEN authorizer needs its header (and a match of its validation
 *   expression); a REQUEST authorizer with caching on needs every source present and non-empty. Otherwise
 *   401, and the Lambda is not invoked.
 * - The Lambda fails with exactly `Unauthorized` → 401; with anything else, or returns a malformed result
 *   (including a context value that is not a string, number or boolean) → 500
 *   AUTHORIZER_CONFIGURATION_ERROR.
 * - A well-formed result is cached by the identity-source values for the TTL and evaluated against each
 *   request's own method ARN: an explicit Deny, or no Allow covering it → 403; else the integration runs
 *   with the result's `principalId` and `context`.
 */
export class AuthorizerEmulator {
  constructor(
    private readonly invoker: Invoker,
    private readonly cache: AuthorizerCache,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * The identity-source step: reads the values and refuses before the Lambda what API Gateway refuses
   * there (401).
   */
  checkIdentity(authorizer: AuthorizerModel, facts: RequestFacts, context: ContextValues): IdentityCheck {
    const values = identityValues(authorizer.identitySources, facts.request, facts.stage.variables, context);
    if (authorizer.type === "TOKEN") {
      const token = values[0];
      if (token === undefined || token === "") {
        return reject(GatewayErrors.unauthorized(), "identity-source", "the token header is missing or empty");
      }
      if (authorizer.identityValidationExpression !== undefined && !authorizer.identityValidationExpression.test(token)) {
        return reject(GatewayErrors.unauthorized(), "identity-source", "the token does not match identity_validation_expression");
      }
    } else if (authorizer.ttlSeconds > 0 && values.some((value) => value === undefined || value === "")) {
      return reject(GatewayErrors.unauthorized(), "identity-source", "an identity source is missing or empty");
    }
    // TOKEN: the Lambda is given the one token, so that is the key. REQUEST: it is given every value of a
    // repeated header or query parameter, so all of them are.
    const keyed = authorizer.type === "TOKEN" ? values : identityValueLists(authorizer.identitySources, facts.request, facts.stage.variables, context);
    return { kind: "identity", identity: { values, cacheKey: cacheKeyOf(authorizer.address, JSON.stringify(keyed)) } };
  }

  /**
   * The cached result for the identity, judged for this method ARN, at once; `undefined` when there is none
   * (or the authorizer does not cache), and then {@link decide} asks the Lambda.
   */
  cached(authorizer: AuthorizerModel, identity: IdentityValues, methodArn: string): AuthorizationOutcome | undefined {
    if (authorizer.ttlSeconds <= 0) {
      return undefined;
    }
    const cached = this.cache.get(identity.cacheKey);
    return cached === undefined ? undefined : decide(cached, methodArn, "cache", 0);
  }

  /** The authorize step: the cached result for the identity, else the Lambda's, judged for this method ARN. */
  async decide(authorizer: AuthorizerModel, identity: IdentityValues, facts: RequestFacts, methodArn: string): Promise<AuthorizationOutcome> {
    const caching = authorizer.ttlSeconds > 0;
    const hit = this.cached(authorizer, identity, methodArn);
    if (hit !== undefined) {
      return hit;
    }
    const event = authorizer.type === "TOKEN" ? tokenAuthorizerEvent(identity.values[0] ?? "", methodArn) : requestAuthorizerEvent(facts, methodArn);
    const started = this.now();
    const outcome = await this.invoker.invoke(authorizer.functionAddress, event, newRequestId());
    const latency = this.now() - started;
    if (outcome.kind === "error") {
      if (outcome.errorMessage === UNAUTHORIZED_MESSAGE) {
        return reject(GatewayErrors.unauthorized(), "lambda", "the authorizer answered Unauthorized");
      }
      return reject(GatewayErrors.authorizerConfiguration(), "lambda", `the authorizer failed: ${outcome.errorType}: ${outcome.errorMessage}`);
    }
    const parsed = parseAuthorizerOutput(outcome.payload);
    if (!parsed.ok) {
      return reject(GatewayErrors.authorizerConfiguration(), "lambda", `the authorizer's result is malformed: ${parsed.reason}`);
    }
    const entry: CachedGrant = caching
      ? this.cache.set(identity.cacheKey, parsed.grant, authorizer.ttlSeconds)
      : { grant: parsed.grant, expiresAt: 0, decisions: new Map() };
    return decide(entry, methodArn, "lambda", latency);
  }

  /** Both steps at once. */
  async authorize(authorizer: AuthorizerModel, facts: RequestFacts, methodArn: string, context: ContextValues): Promise<AuthorizationOutcome> {
    const checked = this.checkIdentity(authorizer, facts, context);
    return checked.kind === "identity" ? this.decide(authorizer, checked.identity, facts, methodArn) : checked;
  }
}

/** Keys of long credentials are held as a SHA-256 digest: the cache's memory is then bounded by its entry count. */
const LONGEST_PLAIN_KEY = 256;

function cacheKeyOf(authorizerAddress: string, values: string): string {
  const key = `${authorizerAddress}\u0000${values}`;
  return key.length <= LONGEST_PLAIN_KEY ? key : `${authorizerAddress}\u0000sha256:${createHash("sha256").update(values).digest("base64")}`;
}

function decide(entry: CachedGrant, methodArn: string, via: DecisionSource, latency: number): AuthorizationOutcome {
  let decision = entry.decisions.get(methodArn);
  if (decision === undefined) {
    decision = evaluatePolicy(entry.grant.statements, methodArn);
    // Paths with ids make method ARNs unbounded; the memo only has to help the hot ones.
    if (entry.decisions.size >= MAX_MEMOISED_DECISIONS) {
      entry.decisions.clear();
    }
    entry.decisions.set(methodArn, decision);
  }
  switch (decision) {
    case "allow":
      return { kind: "allow", via, authorizer: { principalId: entry.grant.principalId, context: entry.grant.context, integrationLatency: latency } };
    case "explicit-deny":
      return reject(GatewayErrors.explicitDeny(), via, "the policy denies the method ARN");
    case "implicit-deny":
      return reject(GatewayErrors.implicitDeny(), via, "no Allow in the policy covers the method ARN");
  }
}

function reject(error: GatewayError, via: DecisionSource, detail: string): Extract<AuthorizationOutcome, { kind: "reject" }> {
  return { kind: "reject", error, via, detail };
}
