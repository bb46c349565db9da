import { DEFAULT_CHROMIUM_PATHS, findChromium } from "./chromium-executable";

describe("findChromium", () => {
  test("looks only at CHROMIUM_PATH when it is set, so a wrong path is reported, not replaced", () => {
    expect(findChromium({ CHROMIUM_PATH: "/nonexistent/chromium" })).toEqual({ found: false, searched: ["/nonexistent/chromium"] });
  });

  test("accepts an executable named by CHROMIUM_PATH", () => {
    expect(findChromium({ CHROMIUM_PATH: process.execPath })).toEqual({ found: true, executablePath: process.execPath });
  });

  test("does not accept a file that is not executable", () => {
    expect(findChromium({ CHROMIUM_PATH: __filename })).toEqual({ found: false, searched: [__filename] });
  });

  test("without CHROMIUM_PATH, searches the system locations", () => {
    const lookup = findChromium({});
    const looked = lookup.found ? [lookup.executablePath] : lookup.searched;
    expect(looked.every((path) => DEFAULT_CHROMIUM_PATHS.includes(path))).toBe(true);
  });
});
