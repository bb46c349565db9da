import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { setup, teardown } = require("../../scripts/jest-temp-dir") as { setup: () => Promise<void>; teardown: () => Promise<void> };

describe("the run's temporary folder", () => {
  const saved = { TMPDIR: process.env.TMPDIR, JEST_RUN_TMPDIR: process.env.JEST_RUN_TMPDIR };
  afterEach(() => {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });

  test("is made under the temporary folder in use, becomes TMPDIR, and is removed with what was written into it", async () => {
    const parent = tmpdir();
    await setup();
    const root = process.env.JEST_RUN_TMPDIR as string;

    expect(path.dirname(root)).toBe(parent);
    expect(path.basename(root)).toMatch(/^jest-run-/);
    expect(process.env.TMPDIR).toBe(root);
    mkdirSync(path.join(root, "cdktf.outdir.x", "stacks"), { recursive: true });
    writeFileSync(path.join(root, "cdktf.outdir.x", "stacks", "cdk.tf.json"), "{}");

    await teardown();
    expect(existsSync(root)).toBe(false);
  });

  test("this run's own tests write under it", () => {
    expect(process.env.JEST_RUN_TMPDIR).toBeDefined();
    expect(tmpdir()).toBe(process.env.JEST_RUN_TMPDIR);
  });
});
