import { readFileSync } from "node:fs";
import * as path from "node:path";

const PROJECT_DIR = path.resolve(__dirname, "..", "..");
const HELP = readFileSync(path.join(PROJECT_DIR, "help"), "utf8");
/** npm runs these itself (`prepare` on `npm ci` and `npm pack`); nobody types them. */
const LIFECYCLE = new Set(["prepare", "prepack", "postpack", "preinstall", "install", "postinstall"]);
const SCRIPTS = Object.keys((JSON.parse(readFileSync(path.join(PROJECT_DIR, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts).filter(
  (script) => !LIFECYCLE.has(script),
);

/** `npm start` and `npm test` need no `run`. */
const invocation = (script: string): string => (script === "start" || script === "test" ? `npm ${script}` : `npm run ${script}`);

describe("help, the command sheet", () => {
  test.each(SCRIPTS)("lists npm script %s", (script) => {
    expect(HELP).toMatch(new RegExp(`${invocation(script).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![\\w:-])`));
  });
});
