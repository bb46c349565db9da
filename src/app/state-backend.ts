import { LocalBackend, S3Backend, TerraformStack } from "cdktf";
import { AWS_REGION } from "./aws-region";
import { show } from "../validation/config-error";

/** Where Terraform keeps the stack's state. */
export const STATE_BACKEND_TYPES = ["local", "s3"] as const;
export type StateBackendType = (typeof STATE_BACKEND_TYPES)[number];

/**
 * The state backend as the user configures it (cdktf.json context `stateBackend`, or `APIGW_STATE_*`).
 *
 * Every S3 field is ignored for the local backend, so switching back to `local` needs no clean-up.
 */
export interface StateBackendConfig {
  /**
   * `local`: a state file beside cdktf.json, nothing to set up. `s3`: a bucket shared by CI and people.
   * @default "local"
   */
  readonly type: StateBackendType;
  /**
   * The bucket that holds the state; required for `s3`. It should have versioning on, so a bad apply can
   * be rolled back to an earlier state.
   * @default - none
   */
  readonly bucket?: string;
  /**
   * The state's object key; the lock file is this key plus `.tflock`.
   * @default "<stack id>/terraform.tfstate"
   */
  readonly key?: string;
  /**
   * The bucket's region.
   * @default - the app's region
   */
  readonly region?: string;
  /**
   * A KMS key (id, ARN, `alias/<name>` or alias ARN) that encrypts the state object.
   * @default - the bucket's default encryption (SSE-S3 unless the bucket says otherwise)
   */
  readonly kmsKeyId?: string;
}

/** The default: a local state file, so a newcomer needs nothing. */
export const DEFAULT_STATE_BACKEND: StateBackendConfig = { type: "local" };

/** A backend with every default filled in: what {@link addStateBackend} writes. */
export type ResolvedStateBackend =
  | { readonly type: "local"; readonly path: string }
  | {
      readonly type: "s3";
      readonly bucket: string;
      readonly key: string;
      readonly region: string;
      readonly kmsKeyId?: string;
      /** Always on: state holds the functions' environment, the credential included. */
      readonly encrypt: true;
      /** S3-native locking (Terraform 1.10+): no DynamoDB table to create or pay for. */
      readonly useLockfile: true;
    };

// https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html (general purpose buckets)
const BUCKET = /^(?!xn--|sthree-|amzn-s3-demo-)(?!.*(-s3alias|--ol-s3|--x-s3|--table-s3)$)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const IP_ADDRESS = /^\d+\.\d+\.\d+\.\d+$/;
const KMS_KEY = /^(arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:(key|alias)\/[A-Za-z0-9/_-]+|(mrk-)?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32}|alias\/[A-Za-z0-9/_-]+)$/;

/** Every problem with a state backend setting; `field` prefixes the property names in the messages. */
export function stateBackendProblems(field: string, value: StateBackendConfig): string[] {
  if (!(STATE_BACKEND_TYPES as readonly unknown[]).includes(value.type)) {
    return [`property '${field}.type' must be one of ${STATE_BACKEND_TYPES.join(", ")}, got ${show(value.type)}`];
  }
  if (value.type === "local") {
    return [];
  }
  const problems: string[] = [];
  if (typeof value.bucket !== "string" || !BUCKET.test(value.bucket) || value.bucket.includes("..") || IP_ADDRESS.test(value.bucket)) {
    problems.push(
      `property '${field}.bucket' must be an S3 bucket name (3 to 63 lower-case letters, digits, '.' or '-', starting and ending with a letter or digit) when '${field}.type' is s3, got ${show(value.bucket)}`,
    );
  }
  if (value.key !== undefined && !validKey(value.key)) {
    problems.push(`property '${field}.key' must be 1 to 1024 characters, not starting or ending with '/' and without '//', got ${show(value.key)}`);
  }
  if (value.region !== undefined && (typeof value.region !== "string" || !AWS_REGION.test(value.region))) {
    problems.push(`property '${field}.region' must be an AWS region such as ap-northeast-1, got ${show(value.region)}`);
  }
  if (value.kmsKeyId !== undefined && (typeof value.kmsKeyId !== "string" || !KMS_KEY.test(value.kmsKeyId))) {
    problems.push(`property '${field}.kmsKeyId' must be a KMS key id, key ARN, 'alias/<name>' or alias ARN, got ${show(value.kmsKeyId)}`);
  }
  return problems;
}

function validKey(key: unknown): boolean {
  return typeof key === "string" && key.length >= 1 && key.length <= 1024 && !key.startsWith("/") && !key.endsWith("/") && !key.includes("//");
}

/**
 * Fills in the defaults of a valid {@link StateBackendConfig}.
 *
 * The local state sits beside cdktf.json, where CDKTF keeps it by default, but as a path relative to the
 * stack's folder (where Terraform runs) rather than the absolute path of the machine that synthesized it.
 */
export function resolveStateBackend(
  config: StateBackendConfig,
  stack: { readonly stackId: string; readonly region: string },
): ResolvedStateBackend {
  if (config.type === "local") {
    return { type: "local", path: `../../../terraform.${stack.stackId}.tfstate` };
  }
  if (config.bucket === undefined) {
    throw new Error(`property 'stateBackend.bucket' is required when 'stateBackend.type' is s3`);
  }
  return {
    type: "s3",
    bucket: config.bucket,
    key: config.key ?? `${stack.stackId}/terraform.tfstate`,
    region: config.region ?? stack.region,
    ...(config.kmsKeyId === undefined ? {} : { kmsKeyId: config.kmsKeyId }),
    encrypt: true,
    useLockfile: true,
  };
}

/** Declares the stack's backend. */
export function addStateBackend(stack: TerraformStack, backend: ResolvedStateBackend): void {
  if (backend.type === "local") {
    new LocalBackend(stack, { path: backend.path });
    return;
  }
  const s3 = new S3Backend(stack, {
    bucket: backend.bucket,
    key: backend.key,
    region: backend.region,
    encrypt: backend.encrypt,
    kmsKeyId: backend.kmsKeyId,
  });
  // cdktf 0.21's S3BackendConfig predates `use_lockfile`, so it is written as an override.
  s3.addOverride("use_lockfile", backend.useLockfile);
}
