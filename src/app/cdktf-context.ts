import { readFileSync } from "node:fs";
import * as path from "node:path";

/**
 * The app's context: what the cdktf CLI hands over in `CDKTF_CONTEXT_JSON`, or else — for runs of the
 * app command without the CLI (`npm run synth`) — the `context` of cdktf.json, so both ways of
 * synthesizing see the same settings.
 */
export function appContext(
  projectDir: string,
  env: Readonly<Record<string, string | undefined>>,
): Record<string, unknown> {
  if (env.CDKTF_CONTEXT_JSON !== undefined) {
    return JSON.parse(env.CDKTF_CONTEXT_JSON) as Record<string, unknown>;
  }
  const file = path.join(projectDir, "cdktf.json");
  const parsed = JSON.parse(readFileSync(file, "utf8")) as { context?: Record<string, unknown> };
  return parsed.context ?? {};
}
