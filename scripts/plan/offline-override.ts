/**
 * The override file written into the *copy* of the stack for an offline plan. Terraform merges
 * `*_override.tf.json` files over the stack, so the synthesized stack users deploy is never changed.
 *
 * @see https://developer.hashicorp.com/terraform/language/files/override
 */
export const OFFLINE_OVERRIDE_FILE = "offline_plan_override.tf.json";

/**
 * Provider settings that let the AWS provider plan without any network: static dummy credentials and no
 * call to STS (credentials, account id), to the EC2 metadata endpoint or to check the region. The state
 * goes to a scratch local file, replacing whatever backend the stack declares (an S3 backend needs the
 * network), so the plan shows every resource as new.
 */
export function offlineOverride(statePath: string): Record<string, unknown> {
  return {
    "//": "Written by scripts/plan for an offline plan of a copy of the stack; never deploy with it.",
    provider: {
      aws: [
        {
          access_key: "offline-plan-access-key",
          secret_key: "offline-plan-secret-key",
          skip_credentials_validation: true,
          skip_requesting_account_id: true,
          skip_metadata_api_check: true,
          skip_region_validation: true,
        },
      ],
    },
    terraform: { backend: { local: { path: statePath } } },
  };
}
