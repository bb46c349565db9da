import { loadAppConfig } from "../../src/app/app-config";
import { ConfigError } from "../../src/validation/config-error";

function problemsOf(context: unknown, env: Record<string, string>): readonly string[] {
  try {
    loadAppConfig(context, env);
  } catch (error: unknown) {
    if (error instanceof ConfigError) {
      return error.problems;
    }
    throw error;
  }
  return [];
}

describe("state backend settings", () => {
  test("with nothing set the state backend is local", () => {
    const config = loadAppConfig(undefined, {});

    expect(config.stateBackend.type).toBe("local");
    expect(config.stateBackend.bucket).toBeUndefined();
    expect(loadAppConfig({}, {}).stateBackend).toEqual({ type: "local" });
  });

  test("the context selects an S3 backend with its bucket, key, region and KMS key", () => {
    const config = loadAppConfig(
      { stateBackend: { type: "s3", bucket: "state-bucket", key: "api/terraform.tfstate", region: "us-east-1", kmsKeyId: "alias/tf" } },
      {},
    );

    expect(config.stateBackend.type).toBe("s3");
    expect(config.stateBackend.bucket).toBe("state-bucket");
    expect(config.stateBackend.key).toBe("api/terraform.tfstate");
    expect(config.stateBackend.region).toBe("us-east-1");
    expect(config.stateBackend.kmsKeyId).toBe("alias/tf");
  });

  test("APIGW_STATE_* environment variables override the context", () => {
    const config = loadAppConfig(
      { stateBackend: { type: "local" } },
      {
        APIGW_STATE_BACKEND: "s3",
        APIGW_STATE_BUCKET: "ci-state",
        APIGW_STATE_KEY: "ci/terraform.tfstate",
        APIGW_STATE_REGION: "eu-west-1",
        APIGW_STATE_KMS_KEY_ID: "alias/ci",
      },
    );

    expect(config.stateBackend).toEqual({
      type: "s3",
      bucket: "ci-state",
      key: "ci/terraform.tfstate",
      region: "eu-west-1",
      kmsKeyId: "alias/ci",
    });
  });

  test("an S3 backend without a bucket is a configuration error naming the field", () => {
    const problems = problemsOf(undefined, { APIGW_STATE_BACKEND: "s3" });

    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain("property 'stateBackend.bucket' must be an S3 bucket name");
  });

  test("an unknown backend type is a configuration error listing the allowed types", () => {
    expect(problemsOf({ stateBackend: { type: "consul" } }, {})).toEqual([
      `property 'stateBackend.type' must be one of local, s3, got "consul"`,
    ]);
  });

  test("a misspelt state backend setting is reported with the allowed names", () => {
    const problems = problemsOf({ stateBackend: { type: "s3", bucket: "state-bucket", kmsKey: "alias/tf" } }, {});

    expect(problems).toEqual([
      "property 'stateBackend.kmsKey' is not a known setting; allowed here: type, bucket, key, region, kmsKeyId",
    ]);
  });
});
