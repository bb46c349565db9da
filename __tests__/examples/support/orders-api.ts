import { createHash, generateKeyPairSync, KeyObject, sign } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { App } from "cdktf";
import { OrdersApiStack } from "../../../examples/orders-api/orders-api-stack";
import { OrdersApiSettings, PLACEHOLDER_SETTINGS } from "../../../examples/orders-api/settings";

export const STACK_ID = "orders-api";
export const PARTNER_KEY = "test-partner-key";
export const ISSUER = "https://auth.test.example/";

/** A signing key of the tests' own, and the settings that trust it and the partner key above. */
export function testCredentials(): { settings: OrdersApiSettings; privateKey: KeyObject } {
  const { publicKey, privateKey } = generateKeyPairSync("ed25519");
  return {
    privateKey,
    settings: {
      ...PLACEHOLDER_SETTINGS,
      partnerKeyHashes: { acme: createHash("sha256").update(PARTNER_KEY).digest("hex") },
      jwtPublicKey: publicKey.export({ format: "der", type: "spki" }).toString("base64"),
      jwtIssuer: ISSUER,
    },
  };
}

/** A compact JWT signed with EdDSA. */
export function signJwt(privateKey: KeyObject, claims: Record<string, unknown>, header: Record<string, unknown> = { alg: "EdDSA", typ: "JWT" }): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const input = `${encode(header)}.${encode(claims)}`;
  return `${input}.${sign(null, Buffer.from(input), privateKey).toString("base64url")}`;
}

/** Synthesizes the example into a fresh folder; returns the stack folder. */
export function synthOrdersApi(settings: OrdersApiSettings, outdir = mkdtempSync(path.join(tmpdir(), "orders-api-"))): string {
  const app = new App({ outdir });
  new OrdersApiStack(app, STACK_ID, settings);
  app.synth();
  return path.join(outdir, "stacks", STACK_ID);
}
