import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { appContext } from "../../src/app/cdktf-context";
import { ConfigError } from "../../src/validation/config-error";

function projectWith(cdktfJson: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), "cdktf-context-"));
  writeFileSync(path.join(dir, "cdktf.json"), cdktfJson);
  return dir;
}

function problemOf(run: () => unknown): string {
  try {
    run();
  } catch (error: unknown) {
    if (error instanceof ConfigError) {
      expect(error.problems).toHaveLength(1);
      return error.problems[0];
    }
    throw error;
  }
  throw new Error("expected a ConfigError");
}

describe("appContext", () => {
  test("reads the context of cdktf.json", () => {
    expect(appContext(projectWith('{"context":{"apiGateway":{"apiName":"X"}}}'), {})).toEqual({ apiGateway: { apiName: "X" } });
  });

  test("prefers the context the cdktf CLI hands over", () => {
    expect(appContext(projectWith("{}"), { CDKTF_CONTEXT_JSON: '{"apiGateway":{}}' })).toEqual({ apiGateway: {} });
  });

  test("treats a cdktf.json without context as an empty one", () => {
    expect(appContext(projectWith('{"app":"x"}'), {})).toEqual({});
  });

  test("reports malformed cdktf.json in one line naming the file, line and column", () => {
    const dir = projectWith('{\n  "app": "x",\n  "context": {,}\n}\n');
    const problem = problemOf(() => appContext(dir, {}));
    expect(problem).toMatch(new RegExp(`^${path.join(dir, "cdktf.json").replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}:3:15 is not valid JSON: `));
    expect(problem).not.toContain("\n");
  });

  test("reports malformed CDKTF_CONTEXT_JSON naming the variable", () => {
    expect(problemOf(() => appContext(projectWith("{}"), { CDKTF_CONTEXT_JSON: "{oops" }))).toMatch(
      /^environment variable CDKTF_CONTEXT_JSON:1:2 is not valid JSON: /,
    );
  });

  test.each<[string, string]>([
    ["a context that is not an object", '{"context":[1]}'],
    ["a document that is not an object", "[]"],
  ])("refuses %s instead of falling back to defaults", (_case, json) => {
    expect(problemOf(() => appContext(projectWith(json), {}))).toMatch(/must be a JSON object, got /);
  });
});
