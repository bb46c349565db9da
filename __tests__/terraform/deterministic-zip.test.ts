import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync, chmodSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { crc32 } from "node:zlib";
import { deterministicZip, directoryEntries } from "../../scripts/plan/deterministic-zip";
import { readZip } from "./zip-reader";

describe("deterministicZip", () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), "zip-test-"));
    mkdirSync(path.join(dir, "lib"));
    writeFileSync(path.join(dir, "index.js"), "exports.handler = async () => 'ok';\n");
    writeFileSync(path.join(dir, "lib", "util.js"), "module.exports = 42;\n");
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  test("holds every file of the folder, named relative to it with '/', with its exact content", () => {
    const entries = readZip(deterministicZip(directoryEntries(dir)));

    expect(entries.map((e) => e.name)).toEqual(["index.js", "lib/util.js"]);
    expect(entries[0].data.toString()).toBe("exports.handler = async () => 'ok';\n");
    expect(entries[1].data.toString()).toBe("module.exports = 42;\n");
    expect(entries[0].crc).toBe(crc32(entries[0].data));
  });

  test("holds no entry for a folder", () => {
    const entries = readZip(deterministicZip(directoryEntries(dir)));

    expect(entries.some((e) => e.name.endsWith("/"))).toBe(false);
  });

  test("deflates every entry and gives it mode 0644 and the 1980-01-01 timestamp", () => {
    for (const entry of readZip(deterministicZip(directoryEntries(dir)))) {
      expect(entry.method).toBe(8);
      expect(entry.unixMode).toBe(0o100644);
      expect(entry.dosTime).toBe(0);
      expect(entry.dosDate).toBe(33);
    }
  });

  test("gives the same bytes for the same content, whatever the files' times, modes and order", () => {
    const first = deterministicZip(directoryEntries(dir));
    utimesSync(path.join(dir, "index.js"), new Date("2001-02-03T04:05:06Z"), new Date("2001-02-03T04:05:06Z"));
    chmodSync(path.join(dir, "index.js"), 0o755);

    const second = deterministicZip([...directoryEntries(dir)].reverse());

    expect(second.equals(first)).toBe(true);
  });

  test("gives different bytes when one file's content changes", () => {
    const before = deterministicZip(directoryEntries(dir));
    writeFileSync(path.join(dir, "lib", "util.js"), "module.exports = 43;\n");

    expect(deterministicZip(directoryEntries(dir)).equals(before)).toBe(false);
  });

  test("is a zip that Info-ZIP's unzip tests as sound, where unzip is installed", () => {
    const zipFile = path.join(dir, "out.zip");
    writeFileSync(zipFile, deterministicZip(directoryEntries(dir)));
    let report: string;
    try {
      report = execFileSync("unzip", ["-t", zipFile], { encoding: "utf8" });
    } catch (error: unknown) {
      if (error instanceof Error && "code" in error && error.code === "ENOENT") {
        console.warn("unzip is not installed: the zip was checked by the test's own reader only");
        return;
      }
      throw error;
    }
    expect(report).toContain("No errors detected");
  });
});
