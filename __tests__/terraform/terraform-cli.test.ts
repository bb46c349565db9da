import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { goGc, terraform } from "../../scripts/plan/terraform-cli";

describe("running Terraform", () => {
  let dir: string;
  let fakeTerraform: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), "terraform-cli-"));
    // Stands in for the terraform binary: prints what it was started with.
    fakeTerraform = path.join(dir, "terraform");
    writeFileSync(fakeTerraform, '#!/bin/sh\necho "GOGC=$GOGC TF_IN_AUTOMATION=$TF_IN_AUTOMATION args=$*"\n');
    chmodSync(fakeTerraform, 0o755);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test("raises Go's garbage-collection target to 400 unless GOGC is set", () => {
    expect(goGc({})).toBe("400");
    expect(goGc({ GOGC: "" })).toBe("400");
    expect(goGc({ GOGC: "100" })).toBe("100");
    expect(goGc({ GOGC: "off" })).toBe("off");
  });

  test("starts terraform in the work folder, in automation mode, with that GOGC", () => {
    const run = { terraform: fakeTerraform, cwd: dir, env: { PATH: process.env.PATH }, stream: false };

    expect(terraform(run, ["validate"])).toBe(`GOGC=400 TF_IN_AUTOMATION=1 args=-chdir=${dir} validate\n`);
    expect(terraform({ ...run, env: { ...run.env, GOGC: "150" } }, ["plan"])).toBe(`GOGC=150 TF_IN_AUTOMATION=1 args=-chdir=${dir} plan\n`);
  });

  test("a failing command throws with the command line and its output", () => {
    const failing = path.join(dir, "failing-terraform");
    writeFileSync(failing, '#!/bin/sh\necho "Error: no configuration" >&2\nexit 1\n');
    chmodSync(failing, 0o755);

    expect(() => terraform({ terraform: failing, cwd: dir, env: {}, stream: false }, ["plan", "-out=tfplan"])).toThrow(
      "terraform plan -out=tfplan failed (exit 1):\nError: no configuration",
    );
  });
});
