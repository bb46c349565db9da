import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { selfSignedCertificate } from "../../src/local-gateway/self-signed";
import { LocalGateway, startLocalGateway } from "../../src/local-gateway/server";
import { expectationsFromStack } from "../../scripts/verify/expectations/stack-expectations";
import { runVerify, type VerifyReport } from "../../scripts/verify/run-verify";
import { verifyCommand } from "../../scripts/verify/verify-command";
import { synthRealApp } from "../local-gateway/synth-app";
import { startBrokenStage } from "./broken-stage";
import { runVerifyCli, type CliRun } from "./run-cli";

// Generous: only a refused or broken connection ends a probe early; nothing here waits for a timeout.
const TIMEOUT_MS = 30_000;
// A synth, two gateways and child processes on a shared, loaded machine: a ceiling, never a target.
const HOOK_TIMEOUT_MS = 120_000;
jest.setTimeout(HOOK_TIMEOUT_MS);

let stackJsonPath: string;
let workDir: string;
let httpGateway: LocalGateway;
let httpsGateway: LocalGateway;
let certPath: string;
let cert: Buffer;

const outcome = (report: VerifyReport, namePart: string): string | undefined =>
  report.checks.find((check) => check.name.includes(namePart))?.outcome;

beforeAll(async () => {
  stackJsonPath = synthRealApp();
  workDir = mkdtempSync(path.join(tmpdir(), "verify-e2e-"));
  const tls = selfSignedCertificate("127.0.0.1");
  cert = tls.cert;
  certPath = path.join(workDir, "cert.pem");
  writeFileSync(certPath, cert);
  const quiet = (): void => undefined;
  [httpGateway, httpsGateway] = await Promise.all([
    startLocalGateway({ stackJsonPath, log: quiet }),
    startLocalGateway({ stackJsonPath, tls, log: quiet }),
  ]);
});

afterAll(async () => {
  await Promise.all([httpGateway?.close(), httpsGateway?.close()]);
  rmSync(path.resolve(path.dirname(stackJsonPath), "..", ".."), { recursive: true, force: true });
  rmSync(workDir, { recursive: true, force: true });
});

describe("verify against the local gateway over HTTP", () => {
  let report: VerifyReport;

  beforeAll(async () => {
    report = await runVerify({
      stageUrl: new URL(httpGateway.stageUrls[0]),
      expectations: expectationsFromStack(stackJsonPath),
      credential: "allow",
      timeoutMs: TIMEOUT_MS,
    });
  });

  test.each([
    ["no credential → 401", "pass"],
    ["wrong credential → 403", "pass"],
    ["the credential → 2xx", "pass"],
    ["unknown path → 403", "pass"],
    ["a method the route lacks → 403", "pass"],
    ["header policy on every response", "pass"],
    ["valid Strict-Transport-Security", "pass"],
  ])("%s: %s", (name, expected) => {
    expect(outcome(report, name)).toBe(expected);
  });

  test("the transport checks are skipped for plain http, and the report says so", () => {
    const transport = report.checks.find((check) => check.name.startsWith("transport"));
    expect(transport).toEqual(expect.objectContaining({ outcome: "skip", saw: expect.stringContaining("plain http URL") }));
  });

  test("a wrong credential given as the credential fails the 2xx check", async () => {
    const wrong = await runVerify({
      stageUrl: new URL(httpGateway.stageUrls[0]),
      expectations: expectationsFromStack(stackJsonPath),
      credential: "not-the-credential",
      timeoutMs: TIMEOUT_MS,
    });
    expect(outcome(wrong, "the credential → 2xx")).toBe("fail");
  });
});

describe("verify against the local gateway over HTTPS", () => {
  test("with the certificate trusted: TLS 1.2+, the certificate and the refused http:// all pass", async () => {
    const report = await runVerify({
      stageUrl: new URL(httpsGateway.stageUrls[0]),
      expectations: expectationsFromStack(stackJsonPath),
      credential: "allow",
      extraCa: cert.toString("utf8"),
      timeoutMs: TIMEOUT_MS,
    });
    expect(report.checks.filter((check) => check.outcome !== "pass")).toEqual([]);
    expect(report.checks.find((check) => check.name === "TLS 1.2 or newer")?.saw).toMatch(/^negotiated TLSv1\.[23]$/);
    expect(outcome(report, "certificate valid for 127.0.0.1")).toBe("pass");
    expect(outcome(report, "refused or redirected to https")).toBe("pass");
  });

  test("with the certificate not trusted: the certificate check fails and no credential is sent", async () => {
    const report = await runVerify({
      stageUrl: new URL(httpsGateway.stageUrls[0]),
      expectations: expectationsFromStack(stackJsonPath),
      credential: "allow",
      timeoutMs: TIMEOUT_MS,
    });
    const certificate = report.checks.find((check) => check.name.startsWith("certificate valid"));
    expect(certificate).toEqual(expect.objectContaining({ outcome: "fail", saw: expect.stringContaining("SELF_SIGNED") }));
    expect(report.checks.find((check) => check.name === "the credential → 2xx")).toEqual(
      expect.objectContaining({ outcome: "fail", saw: expect.stringContaining("no response") }),
    );
  });
});

/** Runs the command in this process, as `npm run verify` would, and collects what it prints. */
async function command(argv: string[], options: { env?: Record<string, string>; cwd?: string } = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await verifyCommand({
    argv,
    env: options.env ?? {},
    cwd: options.cwd ?? workDir,
    out: (text) => (stdout += text),
    err: (text) => (stderr += text),
  });
  return { code, stdout, stderr };
}

describe("npm run verify, the command", () => {
  test("all checks holding over HTTPS: exit 0, one PASS line per check, the credential never shown", async () => {
    const run = await command([httpsGateway.stageUrls[0], "--stack", stackJsonPath, "--ca", certPath], { env: { VERIFY_CREDENTIAL: "allow" } });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split("\n");
    expect(lines.filter((line) => line.startsWith("PASS  "))).toHaveLength(10);
    expect(lines.filter((line) => /^(FAIL|SKIP) /.test(line))).toEqual([]);
    expect(lines.at(-1)).toBe("10 passed, 0 failed, 0 skipped");
    expect(run.stdout).not.toMatch(/\ballow\b/);
  });

  test("--json prints one document whose ok and checks match the exit status", async () => {
    const run = await command([httpGateway.stageUrls[0], "--stack", stackJsonPath, "--json"]);
    expect(run.code).toBe(0);
    const parsed = JSON.parse(run.stdout) as { ok: boolean; checks: Array<{ name: string; outcome: string; saw: string }> };
    expect(parsed.ok).toBe(true);
    expect(parsed.checks.find((check) => check.name === "the credential → 2xx")).toEqual(expect.objectContaining({ outcome: "skip" }));
  });

  test("without a stack in the working directory, the seed's defaults are expected", async () => {
    const run = await command([httpGateway.stageUrls[0]]);
    expect(run.stdout).toContain("expecting (from seed defaults): GET /test, credential in x-custom-auth");
    expect(run.code).toBe(0);
  });

  test("a stage whose 401 lacks HSTS: exit 1, and the failing lines say which response lacks what", async () => {
    const broken = await startBrokenStage();
    try {
      const run = await command([broken.stageUrl, "--credential", "allow"]);
      expect(run.code).toBe(1);
      expect(run.stdout).toContain("FAIL  valid Strict-Transport-Security on every response: the 401 has no Strict-Transport-Security");
      expect(run.stdout).toMatch(/^FAIL {2}header policy on every response \(6 headers\): the 401 has no strict-transport-security$/m);
      expect(run.stdout).toMatch(/^PASS {2}no credential → 401/m);
    } finally {
      await broken.close();
    }
  });

  test("an unreadable --stack: exit 2, naming --stack and the file", async () => {
    const run = await command([httpGateway.stageUrls[0], "--stack", "missing.json"]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(/^verify: --stack missing\.json: cannot read it as JSON \(ENOENT[^\n]*\n$/);
  });

  test("an unreadable --ca: exit 2, naming --ca", async () => {
    const run = await command([httpsGateway.stageUrls[0], "--ca", "missing.pem"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^verify: option --ca missing\.pem: ENOENT/);
  });
});

describe("npm run verify, the process", () => {
  let runs: CliRun[];

  beforeAll(async () => {
    const broken = await startBrokenStage();
    try {
      // Concurrent: each process pays tsx's start-up, and the servers they probe answer from this one.
      runs = await Promise.all([
        runVerifyCli([httpGateway.stageUrls[0], "--timeout", "soon"]),
        runVerifyCli([httpGateway.stageUrls[0], "--stack", stackJsonPath, "--credential", "allow"]),
        runVerifyCli([broken.stageUrl]),
      ]);
    } finally {
      await broken.close();
    }
  });

  test("a bad argument: exit status 2, one line naming it, no stack trace", () => {
    expect(runs[0]).toEqual({ code: 2, stdout: "", stderr: 'verify: option --timeout must be a whole number of seconds from 1 to 120, got "soon"\n' });
  });

  test("every check holding: exit status 0", () => {
    expect(runs[1].stderr).toBe("");
    expect(runs[1].code).toBe(0);
  });

  test("a failing check: exit status 1", () => {
    expect(runs[2].stdout).toContain("FAIL  valid Strict-Transport-Security");
    expect(runs[2].code).toBe(1);
  });
});
