import { mirrorInstructions, shellQuote } from "../../scripts/mirror/mirror-instructions";

const SETUP = {
  cliConfigPath: "/repo/.build/terraform-mirror.rc",
  mirrorDir: "/opt/tf-plugins",
  from: "environment" as const,
  providers: [
    { name: "hashicorp/aws", inMirror: true },
    { name: "hashicorp/archive", inMirror: true },
  ],
};

describe("mirrorInstructions", () => {
  test("points TF_CLI_CONFIG_FILE at the written configuration and turns the version check off", () => {
    expect(mirrorInstructions(SETUP)).toContain("  export TF_CLI_CONFIG_FILE=/repo/.build/terraform-mirror.rc CHECKPOINT_DISABLE=1");
  });

  test("diff and deploy both skip cdktf's provider lock, which would ask the registry", () => {
    const lines = mirrorInstructions(SETUP);
    expect(lines).toContain("  npx cdktf diff --skip-provider-lock");
    expect(lines).toContain("  npx cdktf deploy --skip-provider-lock");
  });

  test("a complete mirror gives no warning", () => {
    expect(mirrorInstructions(SETUP).filter((line) => line.startsWith("Warning"))).toEqual([]);
  });

  test("a provider missing from the mirror is warned about, naming it and how to add it", () => {
    const lines = mirrorInstructions({ ...SETUP, providers: [{ name: "hashicorp/aws", inMirror: true }, { name: "hashicorp/archive", inMirror: false }] });
    expect(lines).toContainEqual(expect.stringMatching(/^Warning: hashicorp\/archive not in the mirror: terraform init will fail.*providers mirror/));
    expect(lines).toContain("  hashicorp/archive: NOT in the mirror");
  });

  test("a discovered mirror says how to choose another", () => {
    expect(mirrorInstructions({ ...SETUP, from: "discovered" })[0]).toContain("set TERRAFORM_PROVIDER_MIRROR to choose another");
  });
});

describe("shellQuote", () => {
  test("a plain path stays as it is", () => {
    expect(shellQuote("/repo/.build/terraform-mirror.rc")).toBe("/repo/.build/terraform-mirror.rc");
  });

  test("spaces and quotes are quoted for a POSIX shell", () => {
    expect(shellQuote("/my repo/it's.rc")).toBe("'/my repo/it'\\''s.rc'");
  });
});
