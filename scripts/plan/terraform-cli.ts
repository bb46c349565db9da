import { spawnSync } from "node:child_process";
import { accessSync, constants } from "node:fs";
import * as path from "node:path";

/** The Terraform executable on `PATH` (or named by `TERRAFORM_BIN`), if there is one. */
export function findTerraform(env: Readonly<Record<string, string | undefined>>): string | undefined {
  if (env.TERRAFORM_BIN !== undefined && env.TERRAFORM_BIN !== "") {
    return env.TERRAFORM_BIN;
  }
  for (const dir of (env.PATH ?? "").split(path.delimiter)) {
    const candidate = path.join(dir, "terraform");
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this PATH entry
    }
  }
  return undefined;
}

/** How to run one Terraform command. */
export interface TerraformRun {
  readonly terraform: string;
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  /** Print Terraform's output as it runs (true) or return it (false). */
  readonly stream: boolean;
}

/**
 * Runs `terraform <args>` and returns its standard output; a failure throws with Terraform's own messages.
 * Bounded: a command still running after `timeoutMs` is killed.
 */
export function terraform(run: TerraformRun, args: readonly string[], timeoutMs = 600_000): string {
  const result = spawnSync(run.terraform, ["-chdir=" + run.cwd, ...args], {
    env: { ...run.env, TF_IN_AUTOMATION: "1", TF_INPUT: "0", GOGC: goGc(run.env) },
    encoding: "utf8",
    stdio: run.stream ? ["ignore", "inherit", "inherit"] : ["ignore", "pipe", "pipe"],
    maxBuffer: 256 * 1024 * 1024,
    timeout: timeoutMs,
  });
  if (result.error !== undefined) {
    throw new Error(`terraform ${args[0]} could not run: ${result.error.message}`);
  }
  if (result.status !== 0) {
    throw new Error(`terraform ${args.join(" ")} failed (exit ${result.status ?? result.signal}):\n${result.stderr ?? ""}${result.stdout ?? ""}`);
  }
  return result.stdout ?? "";
}

/**
 * The Go garbage collector's target for Terraform and the providers it starts (they inherit it): 400 unless
 * `GOGC` is set. Each command is a short-lived process that builds the AWS provider's whole schema, and Go's
 * default (100) collects several times along the way: measured on the 2-core machine, 400 took `terraform
 * validate`, `plan` and `show -json` of the example stack from 4.1–4.8 to 2.9–3.7 s of CPU each, for about
 * 40–90 MB more peak memory. Nothing else changes: the garbage collector only runs less often.
 */
export function goGc(env: Readonly<Record<string, string | undefined>>): string {
  return env.GOGC !== undefined && env.GOGC !== "" ? env.GOGC : "400";
}
