import { choosePlanMode, describePlanMode, needsCopy } from "../../scripts/plan/plan-mode";

describe("plan mode", () => {
  test("without a mirror the archive provider comes from the registry and the stack is planned untouched", () => {
    const mode = choosePlanMode({ offline: false });

    expect(mode).toEqual({ archives: "provider", aws: "account" });
    expect(needsCopy(mode)).toBe(false);
  });

  test("a mirror without the archive provider makes the script build the zips in a copy", () => {
    const mode = choosePlanMode({ offline: false, mirror: { dir: "/m", hasArchive: false } });

    expect(mode.archives).toBe("built-here");
    expect(needsCopy(mode)).toBe(true);
  });

  test("a mirror with the archive provider plans the stack untouched", () => {
    expect(choosePlanMode({ offline: false, mirror: { dir: "/m", hasArchive: true } }).archives).toBe("provider");
  });

  test("offline always plans a copy, because the override file must not land in the synthesized stack", () => {
    const mode = choosePlanMode({ offline: true });

    expect(mode).toEqual({ archives: "provider", aws: "offline" });
    expect(needsCopy(mode)).toBe(true);
  });

  test("the description says plainly that the zips were built here and the stack copied", () => {
    const lines = describePlanMode({ archives: "built-here", aws: "offline" }, "/opt/tf-plugins");

    expect(lines[0]).toBe("Providers: installed only from the mirror /opt/tf-plugins (air-gapped).");
    expect(lines[1]).toContain("the hashicorp/archive provider cannot be installed");
    expect(lines[1]).toContain("COPY of the stack");
    expect(lines[1]).toContain("base64 SHA-256");
    expect(lines[2]).toContain("-refresh=false");
  });

  test("the description of an untouched online plan mentions neither a copy nor dummy credentials", () => {
    const text = describePlanMode({ archives: "provider", aws: "account" }, undefined).join("\n");

    expect(text).toContain("planned untouched");
    expect(text).toContain("Terraform registry");
    expect(text).not.toContain("COPY");
    expect(text).not.toContain("dummy");
  });
});
