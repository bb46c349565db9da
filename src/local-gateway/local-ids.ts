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

/** An extended request id, as API Gateway returns in `x-amz-apigw-id`. */
export function newExtendedRequestId(): string {
  return randomChunk(12).toString("base64").replace(/[+/]/g, "A");
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
