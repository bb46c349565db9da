import { createPublicKey } from "node:crypto";
import { ConfigError } from "cdktf-secure-rest-api";

/** What differs between deployments of the orders API. */
export interface OrdersApiSettings {
  /** The AWS region of the API, its functions and the certificate. */
  readonly region: string;
  /** The API's host name; the certificate must cover it. */
  readonly domainName: string;
  /** An ACM certificate for `domainName`, in `region`. */
  readonly certificateArn: string;
  /** The Route 53 hosted zone of `domainName`, where the alias record goes. */
  readonly hostedZoneId: string;
  /** The S3 bucket of the Terraform state. */
  readonly stateBucket: string;
  /** Tenant → hex SHA-256 of its partner key (the keys themselves are never configured). */
  readonly partnerKeyHashes: Readonly<Record<string, string>>;
  /** Base64 of the SPKI DER encoding of the Ed25519 key that signs the web app's tokens. */
  readonly jwtPublicKey: string;
  /** The `iss` the tokens must carry. */
  readonly jwtIssuer: string;
}

/**
 * Placeholders that validate — a certificate ARN and a hosted zone id of the right shape, the hash of the
 * key `demo-partner-key`, a public key whose private half nobody kept — so the example synthesizes and
 * plans as it is. Replace every one before deploying.
 */
export const PLACEHOLDER_SETTINGS: OrdersApiSettings = {
  region: "eu-west-1",
  domainName: "orders.api.example.com",
  certificateArn: "arn:aws:acm:eu-west-1:123456789012:certificate/00000000-0000-4000-8000-000000000000",
  hostedZoneId: "Z0123456789EXAMPLE",
  stateBucket: "example-orders-terraform-state",
  partnerKeyHashes: { acme: "5f7b2ed74a9736a538a6fb5a5a1a76afdcdd0d177d7fc6e79c6b6843527d848d" },
  jwtPublicKey: "MCowBQYDK2VwAyEAdoLMi38+WRLYr8XI4QkMR4JlHIFS1lddyTPmyqz1Q4o=",
  jwtIssuer: "https://auth.example.com/",
};

const TENANT = /^[a-z0-9-]{1,64}$/;
const SHA256_HEX = /^[0-9a-f]{64}$/;

/** Throws a ConfigError naming every setting the example's own functions could not use. */
export function checkSettings(settings: OrdersApiSettings): void {
  const problems: string[] = [];
  const tenants = Object.entries(settings.partnerKeyHashes ?? {});
  if (tenants.length === 0) {
    problems.push("property 'partnerKeyHashes' must name at least one tenant");
  }
  for (const [tenant, hash] of tenants) {
    if (!TENANT.test(tenant)) {
      problems.push(`property 'partnerKeyHashes' has the tenant ${JSON.stringify(tenant)}; a tenant is 1 to 64 of a-z, 0-9 and -`);
    }
    if (typeof hash !== "string" || !SHA256_HEX.test(hash)) {
      problems.push(`property 'partnerKeyHashes.${tenant}' must be a SHA-256 as 64 lower-case hex digits, got ${JSON.stringify(hash)}`);
    }
  }
  let keyType: string | undefined;
  try {
    keyType = createPublicKey({ key: Buffer.from(settings.jwtPublicKey, "base64"), format: "der", type: "spki" }).asymmetricKeyType;
  } catch {
    keyType = undefined;
  }
  if (keyType !== "ed25519") {
    problems.push(`property 'jwtPublicKey' must be the base64 SPKI DER of an Ed25519 public key, got ${JSON.stringify(settings.jwtPublicKey)}`);
  }
  if (typeof settings.jwtIssuer !== "string" || !/^https:\/\/\S+$/.test(settings.jwtIssuer)) {
    problems.push(`property 'jwtIssuer' must be an https URL, got ${JSON.stringify(settings.jwtIssuer)}`);
  }
  if (problems.length > 0) {
    throw new ConfigError(problems);
  }
}
