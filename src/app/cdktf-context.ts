import { readFileSync } from "node:fs";
import * as path from "node:path";
import { ConfigError, show } from "../validation/config-error";

/**
 * The app's context: what the cdktf CLI hands over in `CDKTF_CONTEXT_JSON`, or else — for runs of the
 * app command without the CLI (`npm run synth`) — the `context` of cdktf.json, so both ways of
 * synthesizing see the same settings.
 *
 * @throws ConfigError naming the file (or variable), line and column of malformed JSON, or the part of
 * the document that has the wrong type — a broken file is never replaced by defaults.
 */
export function appContext(
  projectDir: string,
  env: Readonly<Record<string, string | undefined>>,
): Record<string, unknown> {
  if (env.CDKTF_CONTEXT_JSON !== undefined) {
    const parsed = parseJson("environment variable CDKTF_CONTEXT_JSON", env.CDKTF_CONTEXT_JSON);
    return objectOrFail("environment variable CDKTF_CONTEXT_JSON", parsed);
  }
  const file = path.join(projectDir, "cdktf.json");
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error: unknown) {
    throw new ConfigError([`${file} cannot be read: ${error instanceof Error ? error.message : String(error)}`]);
  }
  const document = objectOrFail(file, parseJson(file, text));
  return document.context === undefined ? {} : objectOrFail(`${file}: property 'context'`, document.context);
}

/** `JSON.parse`, with a failure reported as one line: where, line and column, and what is wrong. */
export function parseJson(where: string, text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error: unknown) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /at position (\d+)/.exec(message);
    const location = position === null ? "" : lineAndColumn(text, Number(position[1]));
    const reason = message.replace(/\s*\(line \d+ column \d+\)/, "").replace(/ in JSON at position \d+.*$/, "");
    throw new ConfigError([`${where}${location} is not valid JSON: ${reason}`]);
  }
}

function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset).split("\n");
  return `:${before.length}:${before[before.length - 1].length + 1}`;
}

function objectOrFail(where: string, value: unknown): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new ConfigError([`${where} must be a JSON object, got ${show(value)}`]);
  }
  return value as Record<string, unknown>;
}
