/**
 * One temporary folder per jest run, removed when the run ends (jest.config.js: globalSetup and
 * globalTeardown). Tests, cdktf's `Testing.app()` (a fresh outdir on every call, never removed), Terraform,
 * Chromium and the processes tests start all take their temporary folders from `TMPDIR`, which the workers
 * inherit; before this a run left about 1,200 folders in /tmp, and after a few dozen runs /tmp held tens of
 * thousands of them — every `mkdtemp` there slower, and gigabytes that nobody would remove.
 *
 * An interrupted run leaves its one folder behind (`jest-run-*` in the system's temporary folder).
 */
const { mkdtempSync, rmSync } = require("node:fs");
const { tmpdir } = require("node:os");
const path = require("node:path");

const KEY = "JEST_RUN_TMPDIR";

async function setup() {
  const root = mkdtempSync(path.join(tmpdir(), "jest-run-"));
  process.env[KEY] = root;
  process.env.TMPDIR = root;
}

async function teardown() {
  const root = process.env[KEY];
  if (root !== undefined) {
    rmSync(root, { recursive: true, force: true, maxRetries: 3 });
  }
}

module.exports = { setup, teardown };
