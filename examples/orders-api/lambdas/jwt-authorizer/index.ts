import type { APIGatewayAuthorizerResult, APIGatewayTokenAuthorizerEvent } from "aws-lambda";
import { policy, UNAUTHORIZED } from "../shared/policy";
import { ed25519PublicKey, verifiedClaims } from "./jwt";

/** The environment variables: the base64 SPKI of the Ed25519 key that signs the tokens, and their issuer. */
export const JWT_PUBLIC_KEY_ENV = "JWT_PUBLIC_KEY";
export const JWT_ISSUER_ENV = "JWT_ISSUER";
/** The scope a token needs to change orders. */
export const WRITE_SCOPE = "orders:write";

/**
 * The TOKEN authorizer of the web app's writes: `Authorization: Bearer <JWT>`, signed with EdDSA.
 * Only the public key is configured, so no secret is in the stack.
 *
 * A missing, malformed, forged or expired token → 401. A valid token without `orders:write` → Deny (403).
 * With it → Allow, with the subject in the context for the backend.
 */
export async function handler(event: APIGatewayTokenAuthorizerEvent): Promise<APIGatewayAuthorizerResult> {
  const token = /^Bearer (\S+)$/.exec(event.authorizationToken ?? "")?.[1];
  const key = ed25519PublicKey(process.env[JWT_PUBLIC_KEY_ENV] ?? "");
  const claims = token === undefined ? undefined : verifiedClaims(token, key, process.env[JWT_ISSUER_ENV] ?? "", Math.floor(Date.now() / 1000));
  if (claims === undefined) {
    throw new Error(UNAUTHORIZED);
  }
  if (!claims.scope.split(" ").includes(WRITE_SCOPE)) {
    return policy(claims.sub, "Deny", event.methodArn, "*");
  }
  return policy(claims.sub, "Allow", event.methodArn, "*", { subject: claims.sub });
}
