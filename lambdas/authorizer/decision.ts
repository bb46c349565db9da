import { createHash, timingSafeEqual } from "node:crypto";
import type { APIGatewayAuthorizerResult } from "aws-lambda";
import { presentedCredential } from "./credential";
import { apiWideResource, policyResult } from "./policy";

/** What the authorizer needs to decide. */
export interface DecisionInput {
  /** The header that carries the credential. */
  readonly identityHeader: string;
  /** The one credential that is accepted. */
  readonly expectedCredential: string;
}

/** The principal of an allowed request: the holder of the shared credential. */
export const ALLOWED_PRINCIPAL = "credential-holder";
/** The principal of a denied request. */
export const DENIED_PRINCIPAL = "anonymous";

/** Why a decision was taken; logged, and safe to log (never the credential). */
export type DecisionReason =
  | "missing-credential"
  | "ambiguous-credential"
  | "wrong-credential"
  | "matching-credential"
  | "malformed-method-arn";

/** The outcome: 401 (`unauthenticated`), or a policy that API Gateway turns into 403 or lets through. */
export type Decision =
  | { readonly decision: "unauthenticated"; readonly reason: DecisionReason }
  | {
      readonly decision: "deny" | "allow";
      readonly reason: DecisionReason;
      readonly result: APIGatewayAuthorizerResult;
    };

/**
 * Decides a REQUEST authorizer event. Pure: no I/O, no clock, no environment.
 *
 * - no credential (absent or empty) → `unauthenticated`, which the handler turns into `Unauthorized` (401);
 * - several different values of the header, or a non-string one → `unauthenticated` too: API Gateway
 *   caches an Allow or a Deny under one of those values, which may be another caller's (see credential.ts);
 * - a credential that is not exactly the expected one → a `Deny` policy (403);
 * - the expected credential → an `Allow` policy over the whole stage, so a cached decision stays right
 *   for every method and path.
 *
 * So an Allow or a Deny is only ever a function of the one value API Gateway keys its cache on. Anything
 * unexpected in the event (no usable method ARN) never yields Allow.
 */
export function decide(event: unknown, settings: DecisionInput): Decision {
  const credential = presentedCredential(event, settings.identityHeader);
  if (credential.kind !== "present") {
    return { decision: "unauthenticated", reason: credential.kind === "missing" ? "missing-credential" : "ambiguous-credential" };
  }
  // A credential was found in the event's headers, so the event is an object.
  const resource = apiWideResource((event as { methodArn?: unknown }).methodArn);
  if (resource === undefined) {
    return deny("malformed-method-arn", "*");
  }
  if (!credentialsMatch(credential.value, settings.expectedCredential)) {
    return deny("wrong-credential", resource);
  }
  return { decision: "allow", reason: "matching-credential", result: policyResult("Allow", resource, ALLOWED_PRINCIPAL) };
}

/**
 * Exact comparison in constant time. Both sides are hashed first: `timingSafeEqual` throws on inputs of
 * unequal length, and comparing lengths first would leak the credential's length.
 */
export function credentialsMatch(presented: string, expected: string): boolean {
  // A string is hashed as its UTF-8 bytes (Node's default for update()).
  const digest = (text: string): Buffer => createHash("sha256").update(text).digest();
  return timingSafeEqual(digest(presented), digest(expected));
}

function deny(reason: DecisionReason, resource: string): Decision {
  return { decision: "deny", reason, result: policyResult("Deny", resource, DENIED_PRINCIPAL) };
}
