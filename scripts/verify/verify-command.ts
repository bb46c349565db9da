import { readFileSync } from "node:fs";
import * as path from "node:path";
import { allHold } from "./check-result";
import { reportJson, reportLines } from "./report";
import { resolveExpectations } from "./expectations/resolve-expectations";
import { runVerify } from "./run-verify";
import { StackFileError } from "./expectations/stack-expectations";
import { parseVerifyArgs, VerifyArgError, VERIFY_USAGE } from "./verify-args";
import { errorMessage } from "./error-message";

/** Where the command reads its input and writes its output. */
export interface CommandIo {
  readonly argv: readonly string[];
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

/** Exit statuses: every check held, one failed, the command line (or the stack it names) is unusable. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/**
 * `npm run verify -- <stage invoke URL> [options]`, returning the exit status. Every error ends as one
 * line on `err`, never a stack trace.
 */
export async function verifyCommand(io: CommandIo): Promise<number> {
  try {
    const args = parseVerifyArgs(io.argv, io.env);
    if (args.help) {
      io.out(VERIFY_USAGE);
      return EXIT.ok;
    }
    const expectations = resolveExpectations(args, io.cwd);
    const extraCa = args.caFile === undefined ? undefined : readCa(args.caFile, io.cwd);
    const report = await runVerify({ stageUrl: args.stageUrl, expectations, credential: args.credential, extraCa, timeoutMs: args.timeoutSeconds * 1000 });
    io.out(args.json ? `${reportJson(report)}\n` : `${reportLines(report).join("\n")}\n`);
    return allHold(report.checks) ? EXIT.ok : EXIT.failed;
  } catch (error: unknown) {
    io.err(`verify: ${errorMessage(error)}\n`);
    return error instanceof VerifyArgError || error instanceof StackFileError ? EXIT.usage : EXIT.failed;
  }
}

function readCa(file: string, cwd: string): string {
  try {
    return readFileSync(path.resolve(cwd, file), "utf8");
  } catch (error: unknown) {
    throw new VerifyArgError(`option --ca ${file}: ${errorMessage(error)}`);
  }
}
