const SummaryReporter = require("../../scripts/jest-summary-reporter.js") as new (config?: { testNamePattern?: string }) => {
  onRunComplete(contexts: unknown, results: unknown): void;
};

interface FakeTest {
  status: string;
  ancestorTitles: string[];
  fullName: string;
}

const results = (tests: FakeTest[]) => ({
  numPassedTests: tests.filter((test) => test.status === "passed").length,
  numFailedTests: 0,
  numPendingTests: tests.filter((test) => test.status === "pending").length,
  numTodoTests: 0,
  testResults: [{ testResults: tests }],
});

const printed = (config: { testNamePattern?: string } | undefined, tests: FakeTest[]): string => {
  let output = "";
  const write = jest.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    output += String(chunk);
    return true;
  });
  try {
    new SummaryReporter(config).onRunComplete(new Set(), results(tests));
  } finally {
    write.mockRestore();
  }
  return output;
};

const SKIPPED = { status: "pending", ancestorTitles: ["HSTS in headless Chromium — skipped: no Chromium at /usr/bin/chromium"], fullName: "x" };
const PASSED = { status: "passed", ancestorTitles: ["other"], fullName: "other passes" };

describe("jest summary reporter", () => {
  test("a skipped group's title, which carries the reason, is printed once before the totals", () => {
    const output = printed({}, [SKIPPED, { ...SKIPPED, fullName: "y" }, PASSED]);
    expect(output).toBe("\nskipped: HSTS in headless Chromium — skipped: no Chromium at /usr/bin/chromium\n1 passed, 0 failed, 2 skipped\n");
  });

  test("nothing skipped: the totals alone", () => {
    expect(printed({}, [PASSED])).toBe("\n1 passed, 0 failed, 0 skipped\n");
  });

  test("with a -t filter the filtered-out tests are not listed", () => {
    expect(printed({ testNamePattern: "other" }, [SKIPPED, PASSED])).toBe("\n1 passed, 0 failed, 1 skipped\n");
  });
});
