import { readFileSync } from "node:fs";

/**
 * Mutation testing (`npm run test:mutation`), not part of `npm test`: it reruns tests for every mutant
 * and takes minutes (see docs/mutation-testing.md for the figures and the survivors that are equivalent).
 *
 * The tests are the suite's own: jest with the project's jest.config.js (the same @swc/jest transform and
 * setup), over the same folders `npm run test:core` runs — read from package.json so the two lists cannot
 * drift. The jest runner replaces the config's reporters with none, so the summary reporter stays quiet.
 */
const coreFolders = JSON.parse(readFileSync(new URL("./package.json", import.meta.url), "utf8"))
  .scripts["test:core"].split(/\s+/)
  .filter((part) => part.startsWith("__tests__/"))
  .map((folder) => folder.replace(/\/$/, ""));

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: "npm",
  testRunner: "jest",
  jest: {
    configFile: "jest.config.js",
    config: { testMatch: coreFolders.map((folder) => `<rootDir>/${folder}/**/*.test.ts`) },
  },
  // Two groups, each held to 95 %: the authorizer, and the header policy with the gateway-response rendering.
  mutate: [
    "lambdas/authorizer/**/*.ts",
    "src/security-headers/**/*.ts",
    "src/gateway-responses/gateway-response-spec.ts",
  ],
  coverageAnalysis: "perTest",
  reporters: ["clear-text", "progress", "html", "json"],
  htmlReporter: { fileName: "reports/mutation/mutation.html" },
  jsonReporter: { fileName: "reports/mutation/mutation.json" },
  tempDirName: ".stryker-tmp",
  // Stryker rewrites a tsconfig's `extends`/`references` for its sandbox with TypeScript's JS API, which
  // TypeScript 7 no longer has; ours has neither, so the preprocessor is pointed at a file that does not
  // exist and skips. Types are not checked here anyway: swc strips them, as in the suite.
  tsconfigFile: "no-tsconfig-rewrite.json",
  ignorePatterns: ["cdktf.out", "reports", "coverage", "artifacts", ".build", ".gen", ".terraform"],
  // The machine is shared (2 cores): one jest worker per core.
  concurrency: 2,
  timeoutMS: 30000,
  thresholds: { high: 95, low: 90, break: null },
};
