import * as path from "node:path";
import { App } from "cdktf";
import { AppConfig, CONTEXT_KEY, loadAppConfig } from "./app-config";
import { ConfigError } from "../validation/config-error";
import { AuthorizedApiStack } from "./authorized-api-stack";
import { appContext } from "./cdktf-context";

/** The stack's id: its folder is `cdktf.out/stacks/authorized-api`. */
export const STACK_ID = "authorized-api";

const PROJECT_DIR = path.resolve(__dirname, "..", "..");

/**
 * Builds the app from cdktf.json's context and the environment.
 *
 * The settings are validated before the App exists (it creates the output folder), so a configuration
 * error prints the list of problems — no stack trace — exits 1, and leaves nothing written. Warnings
 * (the inline demo credential, HSTS preload without a domain) are attached to the constructs, for the
 * cdktf CLI to show from the manifest and {@link printConstructWarnings} to print after a plain synth.
 */
export function buildApp(env: Readonly<Record<string, string | undefined>> = process.env): App {
  let context: Record<string, unknown>;
  let config: AppConfig;
  try {
    context = appContext(PROJECT_DIR, env);
    config = loadAppConfig(context[CONTEXT_KEY], env);
  } catch (error: unknown) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const app = new App({ context });
  new AuthorizedApiStack(app, STACK_ID, config);
  return app;
}

/**
 * Prints the warnings constructs attached during synth (the cdktf CLI shows them from the manifest; a
 * plain `npm run synth` would not), so both ways of synthesizing say the same.
 */
export function printConstructWarnings(app: App, write: (line: string) => void = (line) => process.stderr.write(line)): void {
  for (const construct of app.node.findAll()) {
    for (const entry of construct.node.metadata) {
      if (entry.type === "@cdktf/warn" && typeof entry.data === "string") {
        write(`Warning: ${entry.data}\n`);
      }
    }
  }
}
