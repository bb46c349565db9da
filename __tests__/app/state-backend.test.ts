import { TerraformStack, Testing } from "cdktf";
import {
  addStateBackend,
  resolveStateBackend,
  StateBackendConfig,
  stateBackendProblems,
} from "../../src/app/state-backend";

const STACK = { stackId: "authorized-api", region: "ap-northeast-1" };

function synthBackend(config: StateBackendConfig): Record<string, unknown> {
  const app = Testing.app();
  const stack = new TerraformStack(app, "test");
  addStateBackend(stack, resolveStateBackend(config, STACK));
  const synthesized = JSON.parse(Testing.synth(stack)) as { terraform: { backend: Record<string, unknown> } };
  return synthesized.terraform.backend;
}

describe("state backend", () => {
  test("the default is a local state file beside cdktf.json, as a path relative to the stack folder", () => {
    const backend = synthBackend({ type: "local" });

    expect(Object.keys(backend)).toEqual(["local"]);
    expect(backend.local).toEqual({ path: "../../../terraform.authorized-api.tfstate" });
  });

  test("the local backend ignores S3 settings left over from an earlier choice", () => {
    const backend = synthBackend({ type: "local", bucket: "state-bucket", kmsKeyId: "alias/tf" });

    expect(Object.keys(backend)).toEqual(["local"]);
    expect(stateBackendProblems("stateBackend", { type: "local", bucket: "NOT A BUCKET" })).toEqual([]);
  });

  test("an S3 backend encrypts its state and locks with an S3 lock file", () => {
    const backend = synthBackend({ type: "s3", bucket: "state-bucket" }).s3 as Record<string, unknown>;

    expect(backend.bucket).toBe("state-bucket");
    expect(backend.encrypt).toBe(true);
    expect(backend.use_lockfile).toBe(true);
    expect(backend).not.toHaveProperty("dynamodb_table");
    expect(backend).not.toHaveProperty("kms_key_id");
  });

  test("an S3 backend's key defaults to the stack id and its region to the app's region", () => {
    const backend = synthBackend({ type: "s3", bucket: "state-bucket" }).s3 as Record<string, unknown>;

    expect(backend.key).toBe("authorized-api/terraform.tfstate");
    expect(backend.region).toBe("ap-northeast-1");
  });

  test("an S3 backend takes the key, region and KMS key it is given", () => {
    const backend = synthBackend({
      type: "s3",
      bucket: "state-bucket",
      key: "teams/api/terraform.tfstate",
      region: "eu-west-1",
      kmsKeyId: "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
    }).s3 as Record<string, unknown>;

    expect(backend.key).toBe("teams/api/terraform.tfstate");
    expect(backend.region).toBe("eu-west-1");
    expect(backend.kms_key_id).toBe("arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab");
  });

  test.each([
    ["a key id", "1234abcd-12ab-34cd-56ef-1234567890ab"],
    ["a multi-Region key id", "mrk-1234abcd12ab34cd56ef1234567890ab"],
    ["an alias name", "alias/terraform-state"],
    ["an alias ARN", "arn:aws:kms:ap-northeast-1:123456789012:alias/terraform-state"],
  ])("%s is accepted as the KMS key", (_label, kmsKeyId) => {
    expect(stateBackendProblems("stateBackend", { type: "s3", bucket: "state-bucket", kmsKeyId })).toEqual([]);
  });

  test("an unknown backend type is rejected with the allowed types", () => {
    const problems = stateBackendProblems("stateBackend", { type: "gcs" as StateBackendConfig["type"] });

    expect(problems).toEqual([`property 'stateBackend.type' must be one of local, s3, got "gcs"`]);
  });

  test("an S3 backend without a bucket is rejected", () => {
    const problems = stateBackendProblems("stateBackend", { type: "s3" });

    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^property 'stateBackend.bucket' must be an S3 bucket name .* when 'stateBackend.type' is s3, got undefined$/);
  });

  test.each([["UpperCase"], ["ab"], ["bucket..name"], ["192.168.1.10"], ["-leading-dash"], ["xn--punycode"]])(
    "the bucket name %s is rejected",
    (bucket) => {
      const problems = stateBackendProblems("stateBackend", { type: "s3", bucket });

      expect(problems).toHaveLength(1);
      expect(problems[0]).toContain(`property 'stateBackend.bucket'`);
      expect(problems[0]).toContain(JSON.stringify(bucket));
    },
  );

  test.each([["/leading"], ["trailing/"], ["double//slash"], [""]])("the key %j is rejected", (key) => {
    const problems = stateBackendProblems("stateBackend", { type: "s3", bucket: "state-bucket", key });

    expect(problems).toEqual([
      `property 'stateBackend.key' must be 1 to 1024 characters, not starting or ending with '/' and without '//', got ${JSON.stringify(key)}`,
    ]);
  });

  test("a malformed region and KMS key are reported together", () => {
    const problems = stateBackendProblems("stateBackend", {
      type: "s3",
      bucket: "state-bucket",
      region: "tokyo",
      kmsKeyId: "my-key",
    });

    expect(problems).toEqual([
      `property 'stateBackend.region' must be an AWS region such as ap-northeast-1, got "tokyo"`,
      `property 'stateBackend.kmsKeyId' must be a KMS key id, key ARN, 'alias/<name>' or alias ARN, got "my-key"`,
    ]);
  });
});
