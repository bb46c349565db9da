import { ChildProcess, fork } from "node:child_process";
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
