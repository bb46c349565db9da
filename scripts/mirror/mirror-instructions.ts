/** What {@link mirrorInstructions} needs to know. */
export interface MirrorSetup {
  /** The CLI configuration file written, absolute. */
  readonly cliConfigPath: string;
  readonly mirrorDir: string;
  /** How the mirror was found: `TERRAFORM_PROVIDER_MIRROR`, or one of the usual folders. */
  readonly from: "environment" | "discovered";
  /** The providers the stack requires (`hashicorp/aws`, …) and whether the mirror holds each. */
  readonly providers: ReadonlyArray<{ readonly name: string; readonly inMirror: boolean }>;
}

/**
 * How to run the cdktf CLI against the mirror, as lines to print. Three things stand between `cdktf
 * diff`/`deploy` and an air-gapped machine, and each line answers one: the CLI configuration (providers
 * from the mirror only), `--skip-provider-lock` (without it cdktf runs `terraform providers lock
 * -platform=linux_amd64` whenever the stack folder has no lock file, which asks the registry — @cdktf/cli-core
 * src/lib/models/terraform-cli.js `init`), and CHECKPOINT_DISABLE (the version check).
 */
export function mirrorInstructions(setup: MirrorSetup): string[] {
  const lines = [
    `Wrote ${setup.cliConfigPath}: providers are installed from ${setup.mirrorDir} only${setup.from === "discovered" ? " (found there; set TERRAFORM_PROVIDER_MIRROR to choose another)" : ""}.`,
    ...setup.providers.map((provider) => `  ${provider.name}: ${provider.inMirror ? "in the mirror" : "NOT in the mirror"}`),
    "Run the cdktf CLI with it:",
    `  export TF_CLI_CONFIG_FILE=${shellQuote(setup.cliConfigPath)} CHECKPOINT_DISABLE=1`,
    "  npx cdktf diff --skip-provider-lock",
    "  npx cdktf deploy --skip-provider-lock",
    "--skip-provider-lock: without it cdktf runs `terraform providers lock` whenever the stack has no lock file (or one without a",
    "  required provider), and that asks the registry whatever the CLI configuration says.",
  ];
  const missing = setup.providers.filter((provider) => !provider.inMirror).map((provider) => provider.name);
  if (missing.length > 0) {
    lines.push(
      `Warning: ${missing.join(", ")} not in the mirror: terraform init will fail for this stack. On a connected machine, add them with ` +
        "`terraform -chdir=cdktf.out/stacks/authorized-api providers mirror -platform=linux_amd64 <mirror>`.",
    );
  }
  return lines;
}

/** Quoted for a POSIX shell when it holds anything but safe characters. */
export function shellQuote(value: string): string {
  return /^[A-Za-z0-9_./:@%+=,-]+$/.test(value) ? value : `'${value.replace(/'/g, "'\\''")}'`;
}
