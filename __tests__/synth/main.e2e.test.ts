import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";

const PROJECT = path.resolve(__dirname, "..", "..");

interface AppRun {
  readonly status: number | null;
  readonly stderr: string;
  readonly outdir: string;
}

/** Runs the app command of cdktf.json, as `cdktf synth` does, into a fresh output folder. */
function runApp(env: Record<string, string>): Promise<AppRun> {
  const outdir = path.join(mkdtempSync(path.join(tmpdir(), "synth-")), "out");
  const { app } = JSON.parse(readFileSync(path.join(PROJECT, "cdktf.json"), "utf8")) as { app: string };
  const [command, ...args] = app.split(" ");
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: PROJECT, env: { ...process.env, CDKTF_OUTDIR: outdir, ...env }, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stderr, outdir }));
  });
}

describe("main.ts", () => {
  // Each run is a whole process (node, the app, two esbuild bundles): the three are started together, and
  // every test reads the run it is about. When each warning is *not* given is decided in-process and tested
  // there (app-config.test.ts for the credential, custom-domain.test.ts for preload); here, that the real
  // app prints what its constructs and settings warn.
  let runs: Record<"example" | "badSettings" | "badContext", AppRun>;

  beforeAll(async () => {
    const [example, badSettings, badContext] = await Promise.all([
      runApp({}),
      runApp({ APIGW_AUTHORIZER_TTL_SECONDS: "-1", APIGW_HSTS_PRELOAD: "maybe" }),
      runApp({ CDKTF_CONTEXT_JSON: '{"apiGateway": {,}}' }),
    ]);
    runs = { example, badSettings, badContext };
  });

  afterAll(() => {
    for (const run of Object.values(runs ?? {})) {
      rmSync(path.dirname(run.outdir), { recursive: true, force: true });
    }
  });

  test("synthesizes a self-contained stack folder: the JSON and the bundles it zips", () => {
    const { status, outdir } = runs.example;
    expect(status).toBe(0);
    const stackDir = path.join(outdir, "stacks", "authorized-api");
    const json = readFileSync(path.join(stackDir, "cdk.tf.json"), "utf8");
    const archives = Object.values(
      (JSON.parse(json) as { data: { archive_file: Record<string, { source_dir: string }> } }).data.archive_file,
    );
    expect(archives).toHaveLength(2);
    for (const archive of archives) {
      const folder = path.join(stackDir, archive.source_dir.replace("${path.module}/", ""));
      expect(readdirSync(folder)).toEqual(["index.js"]);
    }
    expect(json).not.toContain(PROJECT);
  });

  test("warns on every synth of the example app that its credential is the inline demo", () => {
    expect(runs.example.stderr).toContain("Warning: authorizer.credentialSource is 'inline-demo'");
  });

  test("warns that HSTS preload without a custom domain cannot be honoured, and says why", () => {
    expect(runs.example.stderr).toContain("Warning: authorized-api/api: HSTS 'preload' is on but the API has no custom domain");
    expect(runs.example.stderr).toContain("nobody can preload *.execute-api.amazonaws.com");
  });

  test("stops on a bad setting with the field, value and limit, no stack trace, and writes nothing", () => {
    const { status, stderr, outdir } = runs.badSettings;
    expect(status).toBe(1);
    expect(stderr).toContain("property 'authorizer.resultTtlSeconds' must be a whole number from 0 to 3600, got -1");
    expect(stderr).toContain('environment variable APIGW_HSTS_PRELOAD must be true or false, got "maybe"');
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(outdir)).toBe(false);
  });

  test("stops on malformed context JSON with one line and no stack trace, and writes nothing", () => {
    const { status, stderr, outdir } = runs.badContext;
    expect(status).toBe(1);
    expect(stderr.trim()).toMatch(/^Invalid configuration: environment variable CDKTF_CONTEXT_JSON:1:17 is not valid JSON: [^\n]+$/);
    expect(existsSync(outdir)).toBe(false);
  });
});
