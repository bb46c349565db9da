import { spawn } from "node:child_process";
import { lstatSync, mkdtempSync, readdirSync, readlinkSync, rmSync, writeFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { defaultMirrorCandidates, findProviderMirror } from "../../scripts/plan/provider-mirror";
import { findTerraform, goGc } from "../../scripts/plan/terraform-cli";
import { MIRROR_CHECK_STACK, synthAwsOnlyApp } from "./fixtures/aws-only-app";

const PROJECT_DIR = path.resolve(__dirname, "..", "..");
const TSX_LOADER = pathToFileURL(require.resolve("tsx", { paths: [PROJECT_DIR] })).href;
const CDKTF = path.join(PROJECT_DIR, "node_modules", ".bin", "cdktf");

const mirror = findProviderMirror(process.env, defaultMirrorCandidates(homedir()));
const terraformBin = findTerraform(process.env);
const missing = terraformBin === undefined ? "no Terraform CLI on PATH" : mirror === undefined ? "no provider mirror with hashicorp/aws (set TERRAFORM_PROVIDER_MIRROR)" : undefined;
const describeWithMirror = missing === undefined ? describe : describe.skip;

// The cdktf CLI, a synth, terraform init and plan with the AWS provider on a shared machine: a ceiling only.
jest.setTimeout(300_000);

interface Run {
  readonly code: number | null;
  readonly output: string;
}

function run(command: string, args: readonly string[], cwd: string, env: Readonly<Record<string, string>>): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: { PATH: process.env.PATH ?? "", ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, output }));
  });
}

describeWithMirror(`npx cdktf diff with providers from a mirror only${missing === undefined ? "" : ` — skipped: ${missing}`}`, () => {
  let workDir: string;
  let instructions: Run;
  let diff: Run;
  let cliConfig: string;

  beforeAll(async () => {
    workDir = mkdtempSync(path.join(tmpdir(), "cdktf-mirror-"));
    // Synthesized here, and `cdktf diff --skip-synth` reads it: the synth is not what this test is about.
    writeFileSync(
      path.join(workDir, "cdktf.json"),
      JSON.stringify({ language: "typescript", app: "false", sendCrashReports: "false", terraformProviders: [], terraformModules: [] }),
    );
    synthAwsOnlyApp(path.join(workDir, "cdktf.out"));
    // The documented way, step by step: npm run mirror-config, then its export line, then cdktf with --skip-provider-lock.
    instructions = await run(process.execPath, ["--import", TSX_LOADER, path.join(PROJECT_DIR, "scripts", "mirror", "main.ts")], PROJECT_DIR, {
      TERRAFORM_PROVIDER_MIRROR: mirror?.dir ?? "",
      HOME: workDir,
    });
    cliConfig = /export TF_CLI_CONFIG_FILE=(\S+) CHECKPOINT_DISABLE=1/.exec(instructions.output)?.[1] ?? "";
    diff = await run(CDKTF, ["diff", MIRROR_CHECK_STACK, "--skip-synth", "--skip-provider-lock", "--no-color"], workDir, {
      TF_CLI_CONFIG_FILE: cliConfig,
      CHECKPOINT_DISABLE: "1",
      HOME: workDir,
      // cdktf otherwise points TF_PLUGIN_CACHE_DIR at ~/.terraform.d/plugin-cache, and Terraform would copy
      // the ~700 MB provider there instead of linking it from the unpacked mirror.
      CDKTF_DISABLE_PLUGIN_CACHE_ENV: "1",
      CI: "1",
      // Speed only: Go's collector runs less often in terraform and the provider, as scripts/plan sets it.
      GOGC: goGc(process.env),
    });
  });

  afterAll(() => {
    rmSync(workDir, { recursive: true, force: true });
  });

  test("npm run mirror-config writes the CLI configuration and prints how to use it", () => {
    expect(instructions.code).toBe(0);
    expect(cliConfig).toBe(path.join(PROJECT_DIR, ".build", "terraform-mirror.rc"));
  });

  test("cdktf diff succeeds and shows the plan", () => {
    expect(diff.output).toContain("Plan: 1 to add, 0 to change, 0 to destroy.");
    expect(diff.code).toBe(0);
  });

  test("the AWS provider was installed from the mirror: linked from it, not downloaded", () => {
    const installed = path.join(workDir, "cdktf.out", "stacks", MIRROR_CHECK_STACK, ".terraform", "providers", "registry.terraform.io", "hashicorp", "aws");
    const versionDir = path.join(installed, readdirOne(installed), "linux_amd64");
    expect(lstatSync(versionDir).isSymbolicLink()).toBe(true);
    expect(path.resolve(path.dirname(versionDir), readlinkSync(versionDir)).startsWith(mirror?.dir ?? "?")).toBe(true);
  });
});

function readdirOne(dir: string): string {
  return readdirSync(dir)[0] ?? "";
}
