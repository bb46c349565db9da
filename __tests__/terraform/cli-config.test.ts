import { hclString, renderCliConfig } from "../../scripts/plan/cli-config";

describe("renderCliConfig", () => {
  test("installs every provider from the mirror folder", () => {
    const config = renderCliConfig({ mirrorDir: "/opt/tf-plugins" });

    expect(config).toContain("provider_installation {");
    expect(config).toContain('    path    = "/opt/tf-plugins"');
    expect(config).toContain('    include = ["registry.terraform.io/*/*"]');
  });

  test("never falls back to a registry", () => {
    const config = renderCliConfig({ mirrorDir: "/opt/tf-plugins" });

    expect(config).not.toContain("direct");
    expect(config).not.toContain("network_mirror");
  });

  test("keeps a folder name with quotes, backslashes and template markers literal", () => {
    expect(hclString('C:\\mirror "x" ${y} %{z}')).toBe('"C:\\\\mirror \\"x\\" $${y} %%{z}"');
  });

  test("refuses a folder name with a line break", () => {
    expect(() => renderCliConfig({ mirrorDir: "/opt/a\nb" })).toThrow("cannot hold a line break");
  });
});
