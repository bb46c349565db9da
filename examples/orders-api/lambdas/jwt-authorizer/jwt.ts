import { createPublicKey, KeyObject, verify } from "node:crypto";

/** The claims the authorizer reads. */
export interface Claims {
  readonly sub: string;
  readonly iss: string;
  /** Seconds since the epoch. */
  readonly exp: number;
  /** Space-separated scopes, as OAuth 2.0 writes them. */
  readonly scope: string;
}

/** An Ed25519 public key from the base64 of its SPKI DER encoding. */
export function ed25519PublicKey(base64Spki: string): KeyObject {
  const key = createPublicKey({ key: Buffer.from(base64Spki, "base64"), format: "der", type: "spki" });
  if (key.asymmetricKeyType !== "ed25519") {
    throw new Error(`the public key is ${key.asymmetricKeyType ?? "not asymmetric"}, not ed25519`);
  }
  return key;
}

/**
 * The claims of a compact JWT signed with EdDSA (Ed25519) by `key`, issued by `issuer` and not expired at
 * `nowSeconds`; `undefined` for anything else — another algorithm (never `none`), a bad signature, a
 * malformed token or claim.
 *
 * @see https://www.rfc-editor.org/rfc/rfc8037 (EdDSA for JOSE)
 */
export function verifiedClaims(token: string, key: KeyObject, issuer: string, nowSeconds: number): Claims | undefined {
  const parts = token.split(".");
  if (parts.length !== 3) {
    return undefined;
  }
  const [header, payload, signature] = parts;
  const protectedHeader = decodeJson(header);
  if (protectedHeader?.alg !== "EdDSA") {
    return undefined;
  }
  if (!verify(null, Buffer.from(`${header}.${payload}`), key, Buffer.from(signature, "base64url"))) {
    return undefined;
  }
  const claims = decodeJson(payload);
  if (
    claims === undefined ||
    typeof claims.sub !== "string" ||
    claims.iss !== issuer ||
    typeof claims.exp !== "number" ||
    claims.exp <= nowSeconds
  ) {
    return undefined;
  }
  return { sub: claims.sub, iss: claims.iss, exp: claims.exp, scope: typeof claims.scope === "string" ? claims.scope : "" };
}

function decodeJson(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
