import { createHash, timingSafeEqual } from "node:crypto";
import type { APIGatewayAuthorizerResult, APIGatewayRequestAuthorizerEvent } from "aws-lambda";
import { policy, UNAUTHORIZED } from "../shared/policy";

/** The environment variable holding `{ "<tenant>": "<hex SHA-256 of its partner key>" }`. */
export const PARTNER_KEY_HASHES_ENV = "PARTNER_KEY_HASHES";

/**
 * The REQUEST authorizer of the partners' read-only access: a partner sends its key in `x-partner-key`
 * and names its tenant in the `tenant` query parameter. Only the keys' SHA-256 hashes are configured, so
 * the stack, the plan and the state never hold a key.
 *
 * No key or tenant → 401. A wrong key or an unknown tenant → Deny (403). The right key → Allow for GET
 * only, with the tenant in the context for the backend.
 */
export async function handler(event: APIGatewayRequestAuthorizerEvent): Promise<APIGatewayAuthorizerResult> {
  const tenant = event.queryStringParameters?.tenant;
  const key = headerValue(event.headers, "x-partner-key");
  if (tenant === undefined || tenant === null || tenant === "" || key === undefined || key === "") {
    throw new Error(UNAUTHORIZED);
  }
  const expected = keyHashes(process.env[PARTNER_KEY_HASHES_ENV])[tenant];
  if (expected === undefined || !sameDigest(createHash("sha256").update(key).digest(), Buffer.from(expected, "hex"))) {
    return policy("partner:unknown", "Deny", event.methodArn, "*");
  }
  return policy(`partner:${tenant}`, "Allow", event.methodArn, "GET", { tenant });
}

function headerValue(headers: APIGatewayRequestAuthorizerEvent["headers"], name: string): string | undefined {
  const entry = Object.entries(headers ?? {}).find(([key]) => key.toLowerCase() === name);
  return typeof entry?.[1] === "string" ? entry[1] : undefined;
}

function keyHashes(json: string | undefined): Readonly<Record<string, string>> {
  const parsed: unknown = JSON.parse(json ?? "{}");
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new Error(`${PARTNER_KEY_HASHES_ENV} must be a JSON object`);
  }
  return Object.fromEntries(Object.entries(parsed).filter((entry): entry is [string, string] => typeof entry[1] === "string"));
}

function sameDigest(actual: Buffer, expected: Buffer): boolean {
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
