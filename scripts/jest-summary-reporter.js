/**
 * Ends every jest run with one plain line — `N passed, N failed, N skipped` — that CI systems and
 * people can read without knowing jest's own summary format, preceded by one line per skipped group of
 * tests with its title. A conditional skip puts its reason in the title (the browser check without
 * Chromium); jest's default reporter shows neither the titles nor the console output of a suite whose
 * tests were all skipped, so without this the reason never reaches a full `npm test` run.
 */
class SummaryReporter {
  constructor(globalConfig) {
    // With -t, every test filtered out counts as skipped: listing them would bury a real skip's reason.
    this.listSkipped = !(globalConfig && globalConfig.testNamePattern);
  }

  onRunComplete(_contexts, results) {
    const skipped = new Set();
    for (const suite of results.testResults) {
      for (const test of suite.testResults) {
        if (this.listSkipped && (test.status === "pending" || test.status === "todo")) {
          skipped.add(test.ancestorTitles.length > 0 ? test.ancestorTitles.join(" › ") : test.fullName);
        }
      }
    }
    const lines = [...skipped].map((title) => `skipped: ${title}`);
    process.stdout.write(
      `\n${lines.map((line) => `${line}\n`).join("")}${results.numPassedTests} passed, ${results.numFailedTests} failed, ${results.numPendingTests + results.numTodoTests} skipped\n`,
    );
  }
}

module.exports = SummaryReporter;
