import { spawn } from "node:child_process";
import * as path from "node:path";
import { pathToFileURL } from "node:url";

const PROJECT_DIR = path.resolve(__dirname, "..", "..");
// `--import tsx` resolves from the working directory; a test may run the command elsewhere.
const TSX_LOADER = pathToFileURL(require.resolve("tsx", { paths: [PROJECT_DIR] })).href;

/** How `npm run verify` ended. */
export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs the verify command line as `npm run verify` does, asynchronously: the servers it probes live in
 * the test's own process and must keep answering meanwhile.
 */
export function runVerifyCli(args: readonly string[], options: { cwd?: string; env?: Record<string, string> } = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", TSX_LOADER, path.join(PROJECT_DIR, "scripts", "verify", "main.ts"), ...args], {
      cwd: options.cwd ?? PROJECT_DIR,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...options.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}
