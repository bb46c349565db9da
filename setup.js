// Loaded before every test file (jest.config.js `setupFilesAfterEnv`). Most test files never synthesize,
// so nothing here loads cdktf itself: requiring it costs each file's fresh module registry 0.2–0.4 s of CPU.

// cdktf's jest matchers (`toHaveResourceWithProperties`, …, what `Testing.setupJest()` registers), each
// loading cdktf on its first use.
const CDKTF_MATCHERS = [
  "toHaveResource",
  "toHaveResourceWithProperties",
  "toHaveDataSource",
  "toHaveDataSourceWithProperties",
  "toHaveProvider",
  "toHaveProviderWithProperties",
  "toBeValidTerraform",
  "toPlanSuccessfully",
];
let cdktfMatchers;
function cdktfMatcher(name) {
  if (cdktfMatchers === undefined) {
    // Testing.setupJest() hands its matchers to global.expect.extend: take them from there.
    const jestExpect = global.expect;
    global.expect = { extend: (matchers) => (cdktfMatchers = matchers) };
    try {
      require("cdktf").Testing.setupJest();
    } finally {
      global.expect = jestExpect;
    }
  }
  return cdktfMatchers[name];
}
expect.extend(
  Object.fromEntries(
    CDKTF_MATCHERS.map((name) => [
      name,
      function (...args) {
        return cdktfMatcher(name).apply(this, args);
      },
    ]),
  ),
);

// cdktf records a full stack trace for every token it creates (cdktf/lib/tokens/private/stack-trace.js),
// only to append it to the message of a token that later fails to resolve. Under jest, whose source-map
// support maps every frame of those traces, that was 60 % of a synth's CPU (the route-tree property test:
// 10.5 of 17.4 s). Tests keep every token error's message, without the creation stack;
// CDKTF_CREATION_STACKS=1 brings the stacks back when one is needed to debug. Only that one small module
// is loaded here; cdktf, when a test loads it, gets the same module instance from the registry.
// A private module of cdktf 0.21: should a later cdktf move it, tests run as before, only slower.
if (process.env.CDKTF_CREATION_STACKS !== "1") {
  let stackTrace;
  try {
    stackTrace = require("cdktf/lib/tokens/private/stack-trace");
  } catch {
    stackTrace = undefined;
  }
  if (stackTrace !== undefined && typeof stackTrace.captureStackTrace === "function") {
    stackTrace.captureStackTrace = () => [];
  }
}
