import { ChildProcess, execFileSync, fork } from "node:child_process";
import { readFileSync } from "node:fs";
import * as path from "node:path";

/** A message from a bench-servers.ts child. */
export interface ChildMessage {
  readonly type: string;
  readonly urls?: string[];
  readonly rss?: number;
  readonly heapUsed?: number;
  readonly heapTotal?: number;
}

/**
 * Forks bench-servers.ts with these arguments (from `directory`: another checkout's, to compare two
 * revisions); `next()` resolves with its next message.
 */
export function startChild(args: readonly string[], directory: string = __dirname): { child: ChildProcess; next: () => Promise<ChildMessage> } {
  const child = fork(path.join(directory, "bench-servers.ts"), [...args], { execArgv: ["--import", "tsx"], stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const queue: ChildMessage[] = [];
  const waiters: ((message: ChildMessage) => void)[] = [];
  child.on("message", (message: ChildMessage) => {
    const waiter = waiters.shift();
    if (waiter) {
      waiter(message);
    } else {
      queue.push(message);
    }
  });
  const next = (): Promise<ChildMessage> => {
    const queued = queue.shift();
    return queued ? Promise.resolve(queued) : new Promise((resolve) => waiters.push(resolve));
  };
  return { child, next };
}

export function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.send({ type: "stop" });
  });
}

/** Linux's clock ticks per second, in which /proc reports CPU time (`getconf CLK_TCK`); NaN elsewhere. */
const TICKS_PER_SECOND = ((): number => {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim());
  } catch {
    return Number.NaN;
  }
})();

/** CPU seconds (user + system) of a process, or of one of its threads, from /proc; NaN where there is none. */
export function cpuSeconds(statPath: string): number {
  try {
    // The command name, in parentheses, may hold spaces: fields are counted after its closing one.
    const fields = readFileSync(statPath, "utf8").split(") ")[1].split(" ");
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return Number.NaN;
  }
}

/** CPU seconds of a process's main thread (the one whose id is the process's). */
export function mainThreadCpuSeconds(pid: number | undefined): number {
  return pid === undefined ? Number.NaN : cpuSeconds(`/proc/${pid}/task/${pid}/stat`);
}
