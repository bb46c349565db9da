/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  // Jest's default on 2 cores is one worker, but much of the suite waits rather than computes (terraform,
  // spawned synths and servers, socket timeouts), and jest starts the longest files first, which are the
  // waiting ones: with four workers two can wait while two keep both cores busy. Measured on the 2-core
  // machine, alternating runs: whole suite 49.1 and 45.0 s against 51.2 and 58.8 s with three workers,
  // the core 8.2–9.1 s against 8.9–10.1 s (one worker took the whole suite 149 s).
  maxWorkers: 4,
  // A backstop against hangs, not a speed limit: many files synthesize a stack or start a gateway in
  // beforeAll, which jest's default of 5 s would fail on a machine loaded 2–4×.
  testTimeout: 60_000,
  roots: ["<rootDir>/__tests__"],
  testMatch: ["**/*.test.ts"],
  // swc strips types only; `npm run typecheck` (tsc --noEmit) checks them as its own step.
  transform: { "^.+\\.ts$": ["@swc/jest", { jsc: { target: "es2022" } }] },
  // The examples import the library by its package name, as a consumer does; here that is the source.
  moduleNameMapper: {
    "^cdktf-secure-rest-api$": "<rootDir>/src/index.ts",
    // Loaded on first use instead of with cdktf (see the file).
    "^archiver$": "<rootDir>/__tests__/support/lazy-archiver.js",
  },
  setupFilesAfterEnv: ["<rootDir>/setup.js"],
  // One temporary folder for the whole run, removed at its end (see scripts/jest-temp-dir.js).
  globalSetup: "<rootDir>/scripts/jest-global-setup.js",
  globalTeardown: "<rootDir>/scripts/jest-global-teardown.js",
  reporters: ["default", "<rootDir>/scripts/jest-summary-reporter.js"],
};
