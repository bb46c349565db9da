import { readFileSync } from "node:fs";
import * as path from "node:path";

/**
 * The `context` of cdktf.json, for runs of the app command without the cdktf CLI (`npm run synth`).
 *
 * The CLI hands the app its context in `CDKTF_CONTEXT_JSON`; when that is set, the app reads it itself
 * and this returns nothing, so both ways of synthesizing see the same settings.
 */
export function cdktfJsonContext(
  projectDir: string,
  env: Readonly<Record<string, string | undefined>>,
): Record<string, unknown> | undefined {
  if (env.CDKTF_CONTEXT_JSON !== undefined) {
    return undefined;
  }
  const file = path.join(projectDir, "cdktf.json");
  const parsed = JSON.parse(readFileSync(file, "utf8")) as { context?: Record<string, unknown> };
  return parsed.context;
}
