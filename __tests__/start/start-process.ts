import { spawn, type ChildProcess } from "node:child_process";
import * as path from "node:path";

const PROJECT_DIR = path.resolve(__dirname, "..", "..");

/** A running `npm start` (its node process, without npm in between, so signals reach it directly). */
export interface StartProcess {
  readonly child: ChildProcess;
  stdout: string;
  stderr: string;
  /** Resolves with stdout once it matches, or rejects when the process ends first. */
  waitFor(pattern: RegExp): Promise<RegExpMatchArray>;
  /** Resolves with the exit code. */
  readonly exited: Promise<number | null>;
}

export function startProcess(args: readonly string[], env: Readonly<Record<string, string>> = {}): StartProcess {
  const child = spawn(process.execPath, ["--import", "tsx", path.join("scripts", "local-gateway.ts"), ...args], {
    cwd: PROJECT_DIR,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", TMPDIR: process.env.TMPDIR ?? "/tmp", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const waiters: Array<{ pattern: RegExp; resolve: (match: RegExpMatchArray) => void }> = [];
  const state: StartProcess = {
    child,
    stdout: "",
    stderr: "",
    exited: new Promise((resolve) => child.on("close", resolve)),
    waitFor: (pattern) =>
      new Promise((resolve, reject) => {
        const match = state.stdout.match(pattern);
        if (match) {
          resolve(match);
          return;
        }
        waiters.push({ pattern, resolve });
        void state.exited.then((code) => reject(new Error(`npm start exited (${code}) before printing ${pattern}:\n${state.stdout}\n${state.stderr}`)));
      }),
  };
  child.stdout?.on("data", (chunk: Buffer) => {
    state.stdout += chunk.toString("utf8");
    for (const waiter of [...waiters]) {
      const match = state.stdout.match(waiter.pattern);
      if (match) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(match);
      }
    }
  });
  child.stderr?.on("data", (chunk: Buffer) => (state.stderr += chunk.toString("utf8")));
  return state;
}
