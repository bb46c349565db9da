/**
 * The order jest starts test files in (jest.config.js `testSequencer`): the longest first, so that no worker
 * is left with a long file while the others have nothing to do.
 *
 * Jest's own sequencer does that from the durations it recorded in its cache on earlier runs. In a fresh
 * clone (CI, `.ci/run`) that cache is empty and jest orders by file size instead, which puts the `cdktf diff`
 * check (12 s in a 4.8 kB file) fortieth and the SSM deadline case (4–5 s of socket timeouts in a 1.2 kB
 * file) near the very end of the run. Here a file jest has no duration for is given the one below when it
 * is listed, else an estimate from its size that places it after every listed file. Durations jest recorded
 * win, and failed files still go first, exactly as jest does.
 */
const path = require("node:path");
// Jest's own sequencer (installed with jest, as package-lock.json lays it out), whose duration cache this reads.
const { default: JestSequencer } = require("@jest/test-sequencer");

/**
 * Wall milliseconds of the files that take longest, from whole-suite runs (`npx jest --json`, three workers)
 * on the 2-core development machine, 2026-11-26. Only their order matters; a file missing here is merely
 * ordered by size.
 */
const EXPECTED_MS = {
  "__tests__/terraform/terraform-plan.test.ts": 13_000,
  "__tests__/mirror/cdktf-diff-mirror.test.ts": 12_000,
  "__tests__/browser/hsts-upgrade.test.ts": 7_700,
  "__tests__/start/npm-start.e2e.test.ts": 7_600,
  "__tests__/properties/route-tree.property.test.ts": 6_300,
  "__tests__/local-gateway/resilience.e2e.test.ts": 6_300,
  "__tests__/package/readme-consumer.test.ts": 6_000,
  "__tests__/lambdas/authorizer/ssm-failure.test.ts": 5_000,
  "__tests__/verify/verify.e2e.test.ts": 4_700,
  "__tests__/lambdas/authorizer/ssm-deadline.test.ts": 4_400,
  "__tests__/properties/authorizer.property.test.ts": 4_000,
  "__tests__/local-gateway/static-headers.e2e.test.ts": 4_000,
  "__tests__/local-gateway/real-app.e2e.test.ts": 4_000,
  "__tests__/synth/main.e2e.test.ts": 3_700,
  "__tests__/properties/header-policy.property.test.ts": 3_500,
  "__tests__/app/hostile-input.test.ts": 3_000,
  "__tests__/local-gateway/edge-stack.e2e.test.ts": 3_000,
  "__tests__/local-gateway/lambda-runner.test.ts": 2_500,
};

/** A file neither recorded nor listed: about 1 ms per 20 bytes, so the largest (23 kB) stays under 1.2 s. */
const MS_PER_BYTE = 0.05;

class LongestFirstSequencer extends JestSequencer {
  sort(tests) {
    // As jest's own sort does: the recorded durations also decide whether a short run goes in band.
    for (const test of tests) {
      test.duration = this.time(test);
    }
    const estimates = new Map();
    const estimate = (test) => {
      if (!estimates.has(test.path)) {
        const listed = EXPECTED_MS[path.relative(test.context.config.rootDir, test.path).split(path.sep).join("/")];
        estimates.set(test.path, test.duration ?? listed ?? (test.context.hasteFS.getSize(test.path) ?? 0) * MS_PER_BYTE);
      }
      return estimates.get(test.path);
    };
    return tests.sort((a, b) => {
      const failedA = this.hasFailed(a);
      if (failedA !== this.hasFailed(b)) {
        return failedA ? -1 : 1;
      }
      return estimate(b) - estimate(a);
    });
  }
}

module.exports = LongestFirstSequencer;
