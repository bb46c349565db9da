import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { OFFLINE_OVERRIDE_FILE } from "../../scripts/plan/offline-override";
import { STACK_FILE, writeStackCopy } from "../../scripts/plan/stack-copy";
import { readZip } from "./zip-reader";

const STACK = {
  data: {
    archive_file: {
      fn_archive: { type: "zip", source_dir: "${path.module}/assets/fn_bundle/H1", output_path: "${path.module}/archives/fn.zip" },
    },
  },
  provider: { archive: [{}], aws: [{ region: "ap-northeast-1" }] },
  terraform: { required_providers: { archive: { source: "hashicorp/archive" }, aws: { source: "aws" } } },
  resource: {
    aws_lambda_function: {
      fn: { filename: "${data.archive_file.fn_archive.output_path}", source_code_hash: "${data.archive_file.fn_archive.output_base64sha256}" },
    },
  },
};

describe("writeStackCopy", () => {
  let root: string;
  let stackDir: string;
  let workDir: string;
  const stackText = `${JSON.stringify(STACK)}\n`;

  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), "stack-copy-test-"));
    stackDir = path.join(root, "stack");
    workDir = path.join(root, "work");
    mkdirSync(path.join(stackDir, "assets", "fn_bundle", "H1"), { recursive: true });
    writeFileSync(path.join(stackDir, "assets", "fn_bundle", "H1", "index.js"), "exports.handler = 1;\n");
    writeFileSync(path.join(stackDir, STACK_FILE), stackText);
  });

  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
  });

  test("with the archive provider the copy holds the stack file byte for byte and builds no zip", () => {
    const built = writeStackCopy({ stackDir, workDir, mode: { archives: "provider", aws: "account" }, offlineStatePath: "/s" });

    expect(built).toEqual([]);
    expect(readFileSync(path.join(workDir, STACK_FILE), "utf8")).toBe(stackText);
    expect(existsSync(path.join(workDir, "assets", "fn_bundle", "H1", "index.js"))).toBe(true);
    expect(existsSync(path.join(workDir, "archives"))).toBe(false);
    expect(existsSync(path.join(workDir, OFFLINE_OVERRIDE_FILE))).toBe(false);
  });

  test("without the archive provider the copy gets the built zip and the stack refers to its path and hash", () => {
    const [zip] = writeStackCopy({ stackDir, workDir, mode: { archives: "built-here", aws: "account" }, offlineStatePath: "/s" });
    const bytes = readFileSync(path.join(workDir, "archives", "fn.zip"));
    const copied = JSON.parse(readFileSync(path.join(workDir, STACK_FILE), "utf8")) as typeof STACK;

    expect(zip.file).toBe(path.join(workDir, "archives", "fn.zip"));
    expect(zip.base64Sha256).toBe(createHash("sha256").update(bytes).digest("base64"));
    expect(readZip(bytes).map((e) => [e.name, e.data.toString()])).toEqual([["index.js", "exports.handler = 1;\n"]]);
    expect(copied.resource.aws_lambda_function.fn.filename).toBe("${path.module}/archives/fn.zip");
    expect(copied.resource.aws_lambda_function.fn.source_code_hash).toBe(zip.base64Sha256);
    expect(copied).not.toHaveProperty("data");
  });

  test("offline the copy gets the override file; the synthesized folder is never written to", () => {
    writeStackCopy({ stackDir, workDir, mode: { archives: "built-here", aws: "offline" }, offlineStatePath: "/scratch.tfstate" });
    const override = JSON.parse(readFileSync(path.join(workDir, OFFLINE_OVERRIDE_FILE), "utf8")) as { terraform: unknown };

    expect(override.terraform).toEqual({ backend: { local: { path: "/scratch.tfstate" } } });
    expect(readdirSync(stackDir).sort()).toEqual(["assets", STACK_FILE]);
    expect(readFileSync(path.join(stackDir, STACK_FILE), "utf8")).toBe(stackText);
  });

  test("a second copy into the same folder replaces the first but keeps Terraform's init", () => {
    writeStackCopy({ stackDir, workDir, mode: { archives: "built-here", aws: "offline" }, offlineStatePath: "/s" });
    mkdirSync(path.join(workDir, ".terraform"));
    writeFileSync(path.join(workDir, "archives", "stale.zip"), "old");

    writeStackCopy({ stackDir, workDir, mode: { archives: "provider", aws: "account" }, offlineStatePath: "/s" });

    expect(existsSync(path.join(workDir, ".terraform"))).toBe(true);
    expect(existsSync(path.join(workDir, "archives"))).toBe(false);
    expect(existsSync(path.join(workDir, OFFLINE_OVERRIDE_FILE))).toBe(false);
  });
});
