// cdktf requires `archiver` (a zip library and a few dozen modules of its dependencies) as it loads, for
// archive assets these tests never build; every test file's fresh module registry paid for it again
// (about 2.4 s of the whole suite's CPU). jest.config.js maps `archiver` here, and the real one is loaded
// on first use — from where cdktf itself would load it, resolved by Node's resolver, not jest's mapping.
const { createRequire } = require("node:module");

let archiver;
function realArchiver() {
  if (archiver === undefined) {
    archiver = require(createRequire(require.resolve("cdktf")).resolve("archiver"));
  }
  return archiver;
}

module.exports = new Proxy(function archiverOnFirstUse() {}, {
  apply: (_target, thisArg, args) => realArchiver().apply(thisArg, args),
  get: (_target, key) => realArchiver()[key],
});
