import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { CliError, parseCliArgs, USAGE } from "../src/local-gateway/cli-args";
import { selfSignedCertificate } from "../src/local-gateway/self-signed";
import { loadBundledGateway } from "./start/bundled-gateway";
import { applyGatewayV8Flags } from "./start/gateway-v8-flags";
import { assertPortFree } from "./start/port-check";
import { credentialPlan } from "./start/ssm-credential";
import { StartError } from "./start/start-error";
import { synthesizeInto } from "./start/synth-into";

/** The local gateway, loaded from a bundle of its own (see bundled-gateway.ts) once it is needed. */
let bundled: ReturnType<typeof loadBundledGateway> | undefined;

/** This instance's synth output; removed when it stops, so instances never share or rewrite one. */
let outdir: string | undefined;

const removeOutdir = (): void => {
  if (outdir !== undefined) {
    rmSync(outdir, { recursive: true, force: true });
    outdir = undefined;
  }
};

/**
 * `npm start`: options first (`--help` answers at once), then the port (a busy one is reported before a
 * synth is wasted), then the synth into a folder of this instance's own, then the gateway, until
 * interrupted. See docs/local-gateway.md.
 */
async function main(): Promise<void> {
  const args = parseCliArgs(process.argv.slice(2), process.env);
  if (args.help) {
    process.stdout.write(USAGE);
    return;
  }
  applyGatewayV8Flags();
  await assertPortFree(args.host, args.port);
  let stackJsonPath = args.stackJsonPath;
  if (stackJsonPath === undefined) {
    outdir = mkdtempSync(path.join(tmpdir(), "local-gateway-synth-"));
    stackJsonPath = await synthesizeInto(outdir);
  }
  const plan = credentialPlan(readJson(stackJsonPath), args.credential, args.environmentOverrides);
  const tls =
    args.tlsCertPath !== undefined && args.tlsKeyPath !== undefined
      ? { cert: readFileSync(args.tlsCertPath), key: readFileSync(args.tlsKeyPath) }
      : args.selfSigned
        ? selfSignedCertificate(args.host)
        : undefined;
  bundled = loadBundledGateway();
  const gateway = await bundled.startLocalGateway({
    stackJsonPath,
    host: args.host,
    port: args.port,
    tls,
    environmentOverrides: plan.environmentOverrides,
    requestLog: args.requestLog,
    log: (line) => process.stdout.write(`${line}\n`),
  });
  for (const note of plan.notes) {
    process.stdout.write(`Note: ${note}\n`);
  }
  process.stdout.write(`\nServing ${stackJsonPath}\n${gateway.stageUrls.map((url) => `  stage: ${url}/`).join("\n")}\n\n`);
  const stop = (): void => {
    void gateway.close().then(() => {
      removeOutdir();
      process.exit(0);
    });
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

/** The stack as JSON, or undefined: an unreadable file is the gateway's to report, with its own message. */
function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return undefined;
  }
}

main().catch((error: unknown) => {
  removeOutdir();
  if (error instanceof CliError) {
    process.stderr.write(`${error.message}\n\n${USAGE}`);
  } else if (error instanceof StartError || (bundled !== undefined && error instanceof bundled.StackError)) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  }
  process.exit(1);
});
