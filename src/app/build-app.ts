import * as path from "node:path";
import { App } from "cdktf";
import { CONTEXT_KEY, loadAppConfig } from "../config/app-config";
import { ConfigError } from "../config/config-error";
import { AuthorizedApiStack } from "../stack/authorized-api-stack";
import { cdktfJsonContext } from "./cdktf-context";

/** The stack's id: its folder is `cdktf.out/stacks/authorized-api`. */
export const STACK_ID = "authorized-api";

const PROJECT_DIR = path.resolve(__dirname, "..", "..");

/**
 * Builds the app from cdktf.json's context and the environment. A configuration error is printed as
 * the list of problems — no stack trace — and nothing is synthesized.
 */
export function buildApp(env: Readonly<Record<string, string | undefined>> = process.env): App {
  const app = new App({ context: cdktfJsonContext(PROJECT_DIR, env) });
  try {
    new AuthorizedApiStack(app, STACK_ID, loadAppConfig(app.node.tryGetContext(CONTEXT_KEY), env));
  } catch (error: unknown) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  return app;
}
