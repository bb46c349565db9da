/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  // Jest's default on 2 cores is one worker, but much of the suite waits rather than computes (terraform,
  // spawned synths and servers, socket timeouts): three workers took the whole suite from 149 s to 84 s
  // (before the suite's CPU was halved), and measured against four in alternating runs they stayed a little
  // ahead (45.6 and 53.1 s against 47.8 and 57.0 s). `npm run test:core` asks for four (8.2–9.1 s against
  // 8.9–10.1 s): there the longest file, the SSM failures, mostly waits on real socket timeouts.
  maxWorkers: 3,
  // A backstop against hangs, not a speed limit: many files synthesize a stack or start a gateway in
  // beforeAll, which jest's default of 5 s would fail on a machine loaded 2–4×.
  testTimeout: 60_000,
  roots: ["<rootDir>/__tests__"],
  testMatch: ["**/*.test.ts"],
  // swc strips types only; `npm run typecheck` (tsc --noEmit) checks them as its own step. Source maps
  // beside the code rather than inline (@swc/jest's default): jest maps stack traces and code frames from
  // either, and without a base64 copy of its map in every cached module there is less to read and for V8
  // to scan on each of the suite's thousands of module loads. A small gain: the 82 shortest files took
  // 26.9 and 27.0 s of CPU against 27.4 and 28.9 s inline, the core 15.3 against 15.4 s (alternating runs).
  transform: { "^.+\\.ts$": ["@swc/jest", { jsc: { target: "es2022" }, sourceMaps: true }] },
  // The examples import the library by its package name, as a consumer does; here that is the source.
  moduleNameMapper: {
    "^cdktf-secure-rest-api$": "<rootDir>/src/index.ts",
    // Loaded on first use instead of with cdktf (see the file).
    "^archiver$": "<rootDir>/__tests__/support/lazy-archiver.js",
  },
  setupFilesAfterEnv: ["<rootDir>/setup.js"],
  // The longest files first, also in a fresh clone where jest has recorded no durations yet (see the file).
  testSequencer: "<rootDir>/scripts/jest-sequencer.js",
  // One temporary folder for the whole run, removed at its end (see scripts/jest-temp-dir.js).
  globalSetup: "<rootDir>/scripts/jest-global-setup.js",
  globalTeardown: "<rootDir>/scripts/jest-global-teardown.js",
  reporters: ["default", "<rootDir>/scripts/jest-summary-reporter.js"],
};
