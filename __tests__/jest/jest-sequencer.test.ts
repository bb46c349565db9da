import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";

interface FakeTest {
  readonly path: string;
  readonly context: unknown;
  duration?: number;
}
interface Sequencer {
  sort(tests: FakeTest[]): FakeTest[];
  cacheResults(tests: FakeTest[], results: unknown): void;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const LongestFirstSequencer = require("../../scripts/jest-sequencer") as new (options: unknown) => Sequencer;

const ROOT = "/repo";
const SIZES: Record<string, number> = {
  "__tests__/big/unlisted.test.ts": 20_000,
  "__tests__/small/unlisted.test.ts": 1_000,
  "__tests__/mirror/cdktf-diff-mirror.test.ts": 4_800,
  "__tests__/lambdas/authorizer/ssm-deadline.test.ts": 1_200,
  "__tests__/terraform/terraform-plan.test.ts": 23_000,
};

describe("the test sequencer", () => {
  let cacheDirectory: string;
  let context: unknown;
  const tests = (): FakeTest[] => Object.keys(SIZES).map((file) => ({ path: path.join(ROOT, file), context }));
  const order = (sorted: readonly FakeTest[]): string[] => sorted.map((test) => path.relative(ROOT, test.path));

  beforeEach(() => {
    cacheDirectory = mkdtempSync(path.join(tmpdir(), "jest-sequencer-"));
    context = {
      config: { rootDir: ROOT, cache: true, cacheDirectory, id: "sequencer-test", haste: {} },
      hasteFS: { getSize: (file: string) => SIZES[path.relative(ROOT, file)] },
    };
  });

  afterEach(() => {
    rmSync(cacheDirectory, { recursive: true, force: true });
  });

  test("with no recorded durations (a fresh clone), starts the listed long files first, longest first, then the rest by size", () => {
    expect(order(new LongestFirstSequencer({}).sort(tests()))).toEqual([
      "__tests__/terraform/terraform-plan.test.ts",
      "__tests__/mirror/cdktf-diff-mirror.test.ts",
      "__tests__/lambdas/authorizer/ssm-deadline.test.ts",
      "__tests__/big/unlisted.test.ts",
      "__tests__/small/unlisted.test.ts",
    ]);
  });

  test("prefers the durations jest recorded, and starts a file that failed last time first", () => {
    const recorded = tests();
    const result = (file: string, runtime: number, failing: number) => ({
      testFilePath: path.join(ROOT, file),
      numFailingTests: failing,
      perfStats: { runtime },
      skipped: false,
    });
    new LongestFirstSequencer({}).cacheResults(recorded, {
      testResults: [
        result("__tests__/small/unlisted.test.ts", 30_000, 0),
        result("__tests__/terraform/terraform-plan.test.ts", 10, 0),
        result("__tests__/lambdas/authorizer/ssm-deadline.test.ts", 50, 1),
      ],
    });

    expect(order(new LongestFirstSequencer({}).sort(tests()))).toEqual([
      "__tests__/lambdas/authorizer/ssm-deadline.test.ts",
      "__tests__/small/unlisted.test.ts",
      "__tests__/mirror/cdktf-diff-mirror.test.ts",
      "__tests__/big/unlisted.test.ts",
      "__tests__/terraform/terraform-plan.test.ts",
    ]);
  });

  test("gives jest the recorded durations only, which decide whether a short run goes in band", () => {
    new LongestFirstSequencer({}).cacheResults(tests(), {
      testResults: [{ testFilePath: path.join(ROOT, "__tests__/small/unlisted.test.ts"), numFailingTests: 0, perfStats: { runtime: 700 }, skipped: false }],
    });
    const sorted = new LongestFirstSequencer({}).sort(tests());

    expect(Object.fromEntries(sorted.map((test) => [path.relative(ROOT, test.path), test.duration]))).toEqual({
      "__tests__/big/unlisted.test.ts": undefined,
      "__tests__/small/unlisted.test.ts": 700,
      "__tests__/mirror/cdktf-diff-mirror.test.ts": undefined,
      "__tests__/lambdas/authorizer/ssm-deadline.test.ts": undefined,
      "__tests__/terraform/terraform-plan.test.ts": undefined,
    });
  });
});
