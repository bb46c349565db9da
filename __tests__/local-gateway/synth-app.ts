import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { App } from "cdktf";
import { STACK_ID } from "../../src/app/build-app";
import { appContext } from "../../src/app/cdktf-context";
import { CONTEXT_KEY, loadAppConfig } from "../../src/app/app-config";
import { AuthorizedApiStack } from "../../src/app/authorized-api-stack";

const PROJECT_DIR = path.resolve(__dirname, "..", "..");

/**
 * Synthesizes the real app, with cdktf.json's context as `npm run synth` does, into a fresh folder, and
 * returns the path of its stack JSON (with the bundles beside it, as the archives would ship them).
 */
export function synthRealApp(env: Readonly<Record<string, string | undefined>> = {}): string {
  const outdir = mkdtempSync(path.join(tmpdir(), "local-gateway-app-"));
  const context = appContext(PROJECT_DIR, env);
  const app = new App({ outdir, context });
  new AuthorizedApiStack(app, STACK_ID, loadAppConfig(context[CONTEXT_KEY], env));
  app.synth();
  return path.join(outdir, "stacks", STACK_ID, "cdk.tf.json");
}
