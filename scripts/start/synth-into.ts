import { spawn } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import * as path from "node:path";
import { StartError } from "./start-error";

const PROJECT_DIR = path.resolve(__dirname, "..", "..");

/**
 * Runs the app's synth (`npm run synth`'s command) with its output in `outdir` — cdktf's App writes to
 * CDKTF_OUTDIR when no outdir is passed (node_modules/cdktf/lib/app.js) — so no other instance's stack is
 * rewritten, and returns the path of the one stack's JSON. The synth's own output (configuration warnings
 * and errors) goes to this process's stderr.
 *
 * @throws StartError when the synth fails (its message is already printed) or writes no single stack.
 */
export async function synthesizeInto(outdir: string): Promise<string> {
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "main.ts"], {
      cwd: PROJECT_DIR,
      env: { ...process.env, CDKTF_OUTDIR: outdir },
      stdio: ["ignore", "inherit", "inherit"],
    });
    child.on("error", reject);
    child.on("close", resolve);
  });
  if (code !== 0) {
    throw new StartError("the synth failed (see above); nothing is served");
  }
  const stacksDir = path.join(outdir, "stacks");
  const stacks = existsSync(stacksDir) ? readdirSync(stacksDir).filter((stack) => existsSync(path.join(stacksDir, stack, "cdk.tf.json"))) : [];
  if (stacks.length !== 1) {
    throw new StartError(`the synth wrote ${stacks.length} stacks to ${stacksDir}; npm start serves one: pass --stack <file>`);
  }
  return path.join(stacksDir, stacks[0], "cdk.tf.json");
}
