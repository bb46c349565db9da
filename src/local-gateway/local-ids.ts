import { createHash, randomFillSync, randomUUID } from "node:crypto";

/**
 * Stand-ins for what only AWS assigns. They are documented (docs/local-gateway.md) and stable across runs,
 * so a policy or a log line written against them keeps working.
 */
export const LOCAL_ACCOUNT_ID = "123456789012";

/** Used when the stack's AWS provider names no region. */
export const DEFAULT_LOCAL_REGION = "us-east-1";

/** A 10-character lower-case id, like API Gateway's, derived from the API's Terraform address. */
export function localApiId(address: string): string {
  const digest = createHash("sha256").update(address).digest();
  const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
  return Array.from(digest.subarray(0, 10), (byte) => alphabet[byte % alphabet.length]).join("");
}

/** A 6-character lower-case id, like a deployment's, derived from the deployment's Terraform address. */
export function localDeploymentId(address: string): string {
  return localApiId(`deployment:${address}`).slice(0, 6);
}

/** `arn:aws:execute-api:<region>:<account>:<api-id>/<stage>/<METHOD>/<path without leading slash>` */
export function methodArn(region: string, apiId: string, stage: string, httpMethod: string, path: string): string {
  return `arn:aws:execute-api:${region}:${LOCAL_ACCOUNT_ID}:${apiId}/${stage}/${httpMethod}/${path.replace(/^\//, "")}`;
}

/** The ARN a Lambda context reports for a function. */
export function functionArn(region: string, functionName: string): string {
  return `arn:aws:lambda:${region}:${LOCAL_ACCOUNT_ID}:function:${functionName}`;
}

/** A request id, as API Gateway returns in `x-amzn-requestid`. */
export function newRequestId(): string {
  return randomUUID();
}

/**
 * An extended request id, as API Gateway returns in `x-amz-apigw-id` and `requestContext.extendedRequestId`:
 * 16 characters of base64 ending in `=` (e.g. `IOv8fHF5FiAFfqw=` in AWS's example event,
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html).
 */
export function newExtendedRequestId(): string {
  return extendedRequestIdOf(randomChunk(11));
}

/**
 * 11 bytes as base64, `+` and `/` read as `A` (16 characters, the last `=`), built a character at a time:
 * Buffer's base64 and a regular expression per request cost several times more. The 15th character holds
 * the last 4 bits.
 */
export function extendedRequestIdOf(bytes: Uint8Array): string {
  let id = "";
  let bits = 0;
  let bitCount = 0;
  for (const byte of bytes) {
    // Only the low bitCount (< 14) bits are ever read, so the 32-bit shift losing the high ones is harmless.
    bits = (bits << 8) | byte;
    bitCount += 8;
    while (bitCount >= 6) {
      bitCount -= 6;
      id += EXTENDED_ID_ALPHABET[(bits >> bitCount) & 63];
    }
  }
  return `${id}${EXTENDED_ID_ALPHABET[(bits << (6 - bitCount)) & 63]}=`;
}

const EXTENDED_ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789AA";

/**
 * An X-Ray trace header: the client's own when it sent one with a `Root`, so a trace it started continues;
 * else a new `Root=1-<epoch seconds, hex>-<24 hex digits>`.
 */
export function traceHeader(clientValue: string | undefined, epochMs: number): string {
  if (clientValue !== undefined && /(?:^|;)\s*Root=1-[0-9a-f]{8}-[0-9a-f]{24}\b/i.test(clientValue)) {
    return clientValue;
  }
  return `Root=1-${Math.floor(epochMs / 1000).toString(16).padStart(8, "0")}-${newTraceSuffix()}`;
}

/** The hexadecimal part of an X-Ray trace id: 24 random hex digits. */
export function newTraceSuffix(): string {
  return randomChunk(12).toString("hex");
}

const POOL_SIZE = 4096;
let pool = Buffer.alloc(0);
let poolOffset = 0;

/**
 * Random bytes from a pool refilled 4 KiB at a time: one `randomFillSync` per request was a tenth of the
 * gateway's CPU time under load. These ids only have to be unique, not secret.
 */
function randomChunk(size: number): Buffer {
  if (poolOffset + size > pool.length) {
    pool = randomFillSync(Buffer.allocUnsafe(POOL_SIZE));
    poolOffset = 0;
  }
  const chunk = pool.subarray(poolOffset, poolOffset + size);
  poolOffset += size;
  return chunk;
}
