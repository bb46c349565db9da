import { execFile } from "node:child_process";

/** What a failed external tool run looked like, kept so the error names the command and its output. */
export class ToolError extends Error {
  constructor(
    readonly command: string,
    readonly detail: string,
  ) {
    super(`'${command}' failed: ${detail}`);
    this.name = "ToolError";
  }
}

/**
 * Runs a command line tool (openssl, certutil) without a shell, so arguments never need quoting.
 * The timeout bounds a tool that hangs (e.g. a prompt for a password).
 */
export function runTool(file: string, args: readonly string[], timeoutMs = 15_000): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(file, [...args], { timeout: timeoutMs, encoding: "utf8" }, (error, stdout, stderr) => {
      if (error) {
        const reason = typeof error.message === "string" ? error.message : String(error);
        reject(new ToolError([file, ...args].join(" "), `${reason.trim()}\n${stderr.trim()}`));
        return;
      }
      resolve(stdout);
    });
  });
}
