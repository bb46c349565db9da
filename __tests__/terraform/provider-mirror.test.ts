import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { defaultMirrorCandidates, findProviderMirror, mirrorHasProvider, PROVIDER_MIRROR_ENV } from "../../scripts/plan/provider-mirror";

describe("provider mirror", () => {
  let root: string;
  let unpacked: string;
  let packed: string;
  let empty: string;

  beforeAll(() => {
    root = mkdtempSync(path.join(tmpdir(), "mirror-test-"));
    unpacked = path.join(root, "unpacked");
    const binary = path.join(unpacked, "registry.terraform.io", "hashicorp", "aws", "5.100.0", "linux_amd64");
    mkdirSync(binary, { recursive: true });
    writeFileSync(path.join(binary, "terraform-provider-aws_v5.100.0_x5"), "");
    packed = path.join(root, "packed");
    mkdirSync(path.join(packed, "registry.terraform.io", "hashicorp", "archive"), { recursive: true });
    mkdirSync(path.join(packed, "registry.terraform.io", "hashicorp", "aws"), { recursive: true });
    writeFileSync(path.join(packed, "registry.terraform.io", "hashicorp", "aws", "terraform-provider-aws_5.100.0_linux_amd64.zip"), "");
    empty = path.join(root, "empty");
    mkdirSync(path.join(empty, "registry.terraform.io", "hashicorp", "aws", "5.100.0"), { recursive: true });
  });

  afterAll(() => {
    rmSync(root, { recursive: true, force: true });
  });

  test("an unpacked mirror with a provider binary holds that provider", () => {
    expect(mirrorHasProvider(unpacked, "hashicorp/aws")).toBe(true);
    expect(mirrorHasProvider(unpacked, "hashicorp/archive")).toBe(false);
  });

  test("a packed mirror holds a provider only if its zip is there", () => {
    expect(mirrorHasProvider(packed, "hashicorp/aws")).toBe(true);
    expect(mirrorHasProvider(packed, "hashicorp/archive")).toBe(false);
  });

  test("an empty version folder is no provider", () => {
    expect(mirrorHasProvider(empty, "hashicorp/aws")).toBe(false);
  });

  test("the environment variable wins over the candidates", () => {
    expect(findProviderMirror({ [PROVIDER_MIRROR_ENV]: packed }, [unpacked])).toEqual({ dir: packed, from: "environment" });
  });

  test("an environment variable naming a folder without the AWS provider is an error, not a fallback", () => {
    expect(() => findProviderMirror({ [PROVIDER_MIRROR_ENV]: empty }, [unpacked])).toThrow(
      `${PROVIDER_MIRROR_ENV} must name a provider mirror folder holding registry.terraform.io/hashicorp/aws, got ${JSON.stringify(empty)}`,
    );
  });

  test("without the variable the first candidate holding the AWS provider is used", () => {
    expect(findProviderMirror({}, [path.join(root, "missing"), empty, unpacked, packed])).toEqual({ dir: unpacked, from: "discovered" });
  });

  test("without the variable or a candidate there is no mirror", () => {
    expect(findProviderMirror({}, [empty])).toBeUndefined();
  });

  test("the default candidates include Terraform's implied local mirror folders", () => {
    const candidates = defaultMirrorCandidates("/home/ci");

    expect(candidates).toContain("/home/ci/.terraform.d/plugins");
    expect(candidates).toContain("/home/ci/.local/share/terraform/plugins");
    expect(candidates).toContain("/usr/share/terraform/plugins");
  });
});
