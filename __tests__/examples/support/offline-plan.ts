import { mkdirSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import * as path from "node:path";
import { renderCliConfig } from "../../../scripts/plan/cli-config";
import { Diagnostic, PlanJson, streamedDiagnostics } from "../../../scripts/plan/plan-json";
import { choosePlanMode, describePlanMode, PlanMode } from "../../../scripts/plan/plan-mode";
import { defaultMirrorCandidates, findProviderMirror, mirrorHasProvider } from "../../../scripts/plan/provider-mirror";
import { BuiltZip, writeStackCopy } from "../../../scripts/plan/stack-copy";
import { terraform, TerraformRun } from "../../../scripts/plan/terraform-cli";

/** The outcome of {@link offlinePlan}. */
export interface OfflinePlan {
  readonly mode: PlanMode;
  readonly modeLines: string[];
  /** The warnings and errors the plan streamed: what `terraform validate -json` would report. */
  readonly diagnostics: Diagnostic[];
  readonly plan: PlanJson;
  readonly zips: BuiltZip[];
}

/**
 * `terraform init` and `plan` (which validates first) of a copy of a synthesized stack, as `npm run plan -- --offline`
 * does it (scripts/plan): providers from the mirror when there is one, zips built here when the archive
 * provider cannot be installed, dummy credentials and a scratch local state in place of the stack's backend,
 * and — after init — every HTTP(S) call sent to a closed local port, so the plan provably needs no network.
 */
export function offlinePlan(terraformBin: string, stackDir: string, root: string): OfflinePlan {
  const workDir = path.join(root, "work");
  mkdirSync(workDir, { recursive: true });
  const found = findProviderMirror(process.env, defaultMirrorCandidates(homedir()));
  const mode = choosePlanMode({ offline: true, mirror: found && { dir: found.dir, hasArchive: mirrorHasProvider(found.dir, "hashicorp/archive") } });
  const env: NodeJS.ProcessEnv = { ...process.env, TF_DATA_DIR: path.join(root, "tf-data"), CHECKPOINT_DISABLE: "1" };
  if (found !== undefined) {
    env.TF_CLI_CONFIG_FILE = path.join(root, "terraform.rc");
    writeFileSync(env.TF_CLI_CONFIG_FILE, renderCliConfig({ mirrorDir: found.dir }));
  }
  const run: TerraformRun = { terraform: terraformBin, cwd: workDir, env, stream: false };
  const noNetwork: TerraformRun = {
    ...run,
    env: { ...env, HTTPS_PROXY: "http://127.0.0.1:9", HTTP_PROXY: "http://127.0.0.1:9", NO_PROXY: "", AWS_EC2_METADATA_DISABLED: "true" },
  };
  const zips = writeStackCopy({ stackDir, workDir, mode, offlineStatePath: path.join(root, "offline.tfstate") });
  terraform(run, ["init", "-input=false", "-no-color"]);
  // No separate validate: it would start the AWS provider once more (about 3 s of CPU) for the diagnostics
  // the plan streams anyway.
  const diagnostics = streamedDiagnostics(terraform(noNetwork, ["plan", "-json", "-input=false", "-refresh=false", "-lock=false", "-no-color", "-out=tfplan"]));
  const plan = JSON.parse(terraform(noNetwork, ["show", "-json", "tfplan"])) as PlanJson;
  return { mode, modeLines: describePlanMode(mode, found?.dir), diagnostics, plan, zips };
}
