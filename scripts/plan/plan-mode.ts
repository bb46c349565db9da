/** How a plan runs: where the Lambda zips come from, and whether it talks to AWS. */
export interface PlanMode {
  /**
   * `provider`: the stack is planned untouched; the archive provider zips the bundles.
   * `built-here`: the archive provider cannot be installed, so a copy of the stack is planned in which
   * every `data.archive_file` is replaced by a zip this script built from the same bundle folders.
   */
  readonly archives: "provider" | "built-here";
  /**
   * `account`: the provider uses the caller's AWS credentials and the stack's backend, and refreshes.
   * `offline`: dummy credentials, no AWS call, a scratch local state and `-refresh=false`.
   */
  readonly aws: "account" | "offline";
}

/** What {@link choosePlanMode} decides from. */
export interface PlanModeInputs {
  /** `--offline` was given. */
  readonly offline: boolean;
  /** The provider mirror in use, if any, and whether it holds `hashicorp/archive`. */
  readonly mirror?: { readonly dir: string; readonly hasArchive: boolean };
}

/**
 * Without a mirror, providers come from the registry, where the archive provider is always available.
 * With a mirror (air-gapped), the archive provider is usable only if the mirror holds it.
 */
export function choosePlanMode(inputs: PlanModeInputs): PlanMode {
  const archiveInstallable = inputs.mirror === undefined || inputs.mirror.hasArchive;
  return {
    archives: archiveInstallable ? "provider" : "built-here",
    aws: inputs.offline ? "offline" : "account",
  };
}

/** Whether Terraform must run on a copy of the stack rather than the synthesized folder itself. */
export function needsCopy(mode: PlanMode): boolean {
  return mode.archives === "built-here" || mode.aws === "offline";
}

/** Plain sentences for the output and the job summary: which mode ran, and what that means. */
export function describePlanMode(mode: PlanMode, mirrorDir: string | undefined): string[] {
  return [
    mirrorDir === undefined
      ? "Providers: installed from the Terraform registry."
      : `Providers: installed only from the mirror ${mirrorDir} (air-gapped).`,
    mode.archives === "provider"
      ? "Lambda zips: made by the hashicorp/archive provider; the synthesized stack is planned untouched."
      : "Lambda zips: the hashicorp/archive provider cannot be installed, so this script built the zips from the same bundle folders and planned a COPY of the stack in which each data.archive_file reference is replaced by the built zip's path and base64 SHA-256. Its source_code_hash values differ from the ones the archive provider will compute at deploy time.",
    mode.aws === "account"
      ? "AWS: planned against the account of your credentials, with the stack's state backend."
      : "AWS: offline — dummy credentials, no AWS API call, a scratch local state and -refresh=false, so every resource shows as new.",
  ];
}
