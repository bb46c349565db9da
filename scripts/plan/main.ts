import { appendFileSync, mkdirSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import * as path from "node:path";
import { buildApp, STACK_ID } from "../../src/app/build-app";
import { renderCliConfig } from "./cli-config";
import { jobSummary } from "./job-summary";
import { countChanges, PlanJson } from "./plan-json";
import { choosePlanMode, describePlanMode, needsCopy } from "./plan-mode";
import { defaultMirrorCandidates, findProviderMirror, mirrorHasProvider, PROVIDER_MIRROR_ENV } from "./provider-mirror";
import { writeStackCopy } from "./stack-copy";
import { findTerraform, terraform } from "./terraform-cli";

const USAGE = `Usage: npm run plan [-- --offline]

Synthesizes the stack, then runs terraform init, validate and plan, and prints the plan.
  --offline   no AWS call: dummy credentials, a scratch local state, -refresh=false.
Environment:
  ${PROVIDER_MIRROR_ENV}   a provider mirror folder; providers are installed only from it (air-gapped).
  GITHUB_STEP_SUMMARY   if set, the plan is appended to it as Markdown.`;

const PROJECT_DIR = path.resolve(__dirname, "..", "..");
// Same depth as cdktf.out/stacks/<id>, so the stack's relative local state path still lands beside cdktf.json.
const WORK_ROOT = path.join(PROJECT_DIR, ".build", "terraform-plan");

function main(argv: readonly string[], env: NodeJS.ProcessEnv): void {
  const unknown = argv.filter((arg) => arg !== "--offline");
  if (unknown.length > 0) {
    process.stderr.write(`${unknown.includes("--help") ? "" : `Unknown argument: ${unknown.join(" ")}\n\n`}${USAGE}\n`);
    process.exit(unknown.includes("--help") ? 0 : 2);
  }
  const offline = argv.includes("--offline");
  const terraformBin = findTerraform(env);
  if (terraformBin === undefined) {
    throw new Error("no Terraform CLI found on PATH (or in TERRAFORM_BIN); install Terraform 1.10 or later");
  }

  const started = Date.now();
  process.chdir(PROJECT_DIR);
  step("synth", () => buildApp(env).synth());
  const stackDir = path.join(PROJECT_DIR, "cdktf.out", "stacks", STACK_ID);

  // Online, a mirror is used only when asked for; offline, one is also looked for in the usual places.
  const found = findProviderMirror(env, offline ? defaultMirrorCandidates(homedir()) : []);
  const mirror = found && { dir: found.dir, hasArchive: mirrorHasProvider(found.dir, "hashicorp/archive") };
  const mode = choosePlanMode({ offline, mirror });
  const modeLines = describePlanMode(mode, mirror?.dir);
  say("Plan mode:");
  modeLines.forEach((line) => say(`  ${line}`));

  const runEnv: NodeJS.ProcessEnv = { ...env };
  mkdirSync(WORK_ROOT, { recursive: true });
  if (mirror !== undefined) {
    const cliConfig = path.join(WORK_ROOT, "terraform.rc");
    writeFileSync(cliConfig, renderCliConfig({ mirrorDir: mirror.dir }));
    runEnv.TF_CLI_CONFIG_FILE = cliConfig;
    say(`TF_CLI_CONFIG_FILE=${cliConfig}`);
  }
  if (mode.aws === "offline") {
    runEnv.AWS_EC2_METADATA_DISABLED = "true";
  }

  let cwd = stackDir;
  if (needsCopy(mode)) {
    cwd = path.join(WORK_ROOT, STACK_ID);
    const zips = writeStackCopy({ stackDir, workDir: cwd, mode, offlineStatePath: path.join(cwd, "offline.tfstate") });
    say(`Planning a copy of the stack in ${cwd}; ${stackDir} is left as synthesized.`);
    for (const zip of zips) {
      say(`  built ${path.relative(cwd, zip.file)} for data.archive_file.${zip.name}: base64 SHA-256 ${zip.base64Sha256}`);
    }
  }

  const color = process.stdout.isTTY ? [] : ["-no-color"];
  const run = { terraform: terraformBin, cwd, env: runEnv, stream: true };
  step("terraform init", () => terraform(run, ["init", "-input=false", ...color]));
  step("terraform validate", () => terraform(run, ["validate", ...color]));
  step("terraform plan", () => terraform(run, ["plan", "-input=false", "-out=tfplan", ...(offline ? ["-refresh=false"] : []), ...color]));
  const counts = step("terraform show -json", () =>
    countChanges(JSON.parse(terraform({ ...run, stream: false }, ["show", "-json", "tfplan"])) as PlanJson),
  );
  if (env.GITHUB_STEP_SUMMARY) {
    const planText = terraform({ ...run, stream: false }, ["show", "-no-color", "tfplan"]);
    appendFileSync(env.GITHUB_STEP_SUMMARY, jobSummary(modeLines, counts, planText));
    say(`Plan summary appended to ${env.GITHUB_STEP_SUMMARY}`);
  }
  say(
    `Done in ${((Date.now() - started) / 1000).toFixed(1)} s: ${counts.create} to add, ${counts.update} to change, ${counts.replace} to replace, ${counts.delete} to destroy. ` +
      `The saved plan is ${path.join(cwd, "tfplan")}. ${applyHint(offline, cwd, stackDir)}`,
  );
  say(modeLines[1]);
}

/**
 * What the saved plan is good for. `cdktf deploy` never applies it: it synthesizes and plans afresh, then
 * asks before applying (its options have no plan file: `npx cdktf deploy --help`).
 */
function applyHint(offline: boolean, cwd: string, stackDir: string): string {
  if (offline) {
    return "It cannot be applied (dummy credentials, scratch state): it proves the configuration. To deploy, run `npx cdktf deploy`, which plans afresh against your account and asks before applying.";
  }
  if (cwd !== stackDir) {
    return "It was made from a copy with script-built zips: review it, then deploy with `npx cdktf deploy`, which plans afresh (with the archive provider's zips) and asks before applying.";
  }
  return `To apply exactly this plan: \`terraform -chdir=${cwd} apply tfplan\`. \`npx cdktf deploy\` does not apply it: it synthesizes and plans afresh, then asks before applying.`;
}

function step<T>(name: string, action: () => T): T {
  const started = Date.now();
  say(`--- ${name}`);
  const result = action();
  say(`--- ${name}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return result;
}

function say(line: string): void {
  process.stdout.write(`[plan] ${line}\n`);
}

try {
  main(process.argv.slice(2), process.env);
} catch (error: unknown) {
  process.stderr.write(`[plan] ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
