import { OFFLINE_OVERRIDE_FILE, offlineOverride } from "../../scripts/plan/offline-override";

describe("offline override", () => {
  test("is an override file Terraform merges over the stack", () => {
    expect(OFFLINE_OVERRIDE_FILE).toMatch(/_override\.tf\.json$/);
  });

  test("skips every AWS call the provider makes on its own", () => {
    const aws = (offlineOverride("/tmp/s").provider as { aws: Record<string, unknown>[] }).aws[0];

    expect(aws.skip_credentials_validation).toBe(true);
    expect(aws.skip_requesting_account_id).toBe(true);
    expect(aws.skip_metadata_api_check).toBe(true);
    expect(aws.skip_region_validation).toBe(true);
  });

  test("gives dummy static credentials and no region, so the stack's region stays", () => {
    const aws = (offlineOverride("/tmp/s").provider as { aws: Record<string, unknown>[] }).aws[0];

    expect(typeof aws.access_key).toBe("string");
    expect(typeof aws.secret_key).toBe("string");
    expect(aws).not.toHaveProperty("region");
    expect(aws).not.toHaveProperty("profile");
  });

  test("replaces the backend with a scratch local state file", () => {
    expect(offlineOverride("/tmp/scratch.tfstate").terraform).toEqual({ backend: { local: { path: "/tmp/scratch.tfstate" } } });
  });
});
