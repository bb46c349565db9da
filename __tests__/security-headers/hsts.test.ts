import { hstsProblems, renderHsts } from "../../src/security-headers/hsts";

describe("renderHsts", () => {
  test("defaults to one year with includeSubDomains and without preload", () => {
    expect(renderHsts()).toBe("max-age=31536000; includeSubDomains");
  });

  test("renders the reference value when preload is opted in", () => {
    expect(renderHsts({ preload: true })).toBe("max-age=31536000; includeSubDomains; preload");
  });

  test("omits includeSubDomains when it is turned off", () => {
    expect(renderHsts({ maxAgeSeconds: 600, includeSubDomains: false })).toBe("max-age=600");
  });
});

describe("hstsProblems", () => {
  test("accepts the defaults and the reference value", () => {
    expect(hstsProblems({})).toEqual([]);
    expect(hstsProblems({ preload: true })).toEqual([]);
  });

  test("rejects preload without includeSubDomains, naming both fields", () => {
    expect(hstsProblems({ preload: true, includeSubDomains: false })).toEqual([
      "property 'hsts.preload' requires 'hsts.includeSubDomains' to be true (the preload list demands it), got false",
    ]);
  });

  test("rejects preload with a max-age under one year, naming the value and the minimum", () => {
    expect(hstsProblems({ preload: true, maxAgeSeconds: 86400 })).toEqual([
      "property 'hsts.preload' requires 'hsts.maxAgeSeconds' to be at least 31536000 (the preload list demands it), got 86400",
    ]);
  });

  test.each([-1, 1.5, 63072001, Number.NaN])("rejects max-age %p", (maxAgeSeconds) => {
    expect(hstsProblems({ maxAgeSeconds }, "x")).toEqual([
      expect.stringMatching(/^property 'x\.maxAgeSeconds' must be a whole number from 0 to 63072000, got /),
    ]);
  });

  test("accepts a short max-age without includeSubDomains when preload is off: only preload demands them", () => {
    expect(hstsProblems({ maxAgeSeconds: 300, includeSubDomains: false })).toEqual([]);
  });

  test("reports a non-number max-age once, even with preload", () => {
    expect(hstsProblems({ preload: true, maxAgeSeconds: true as unknown as number })).toEqual([
      "property 'hsts.maxAgeSeconds' must be a whole number from 0 to 63072000, got true",
    ]);
  });

  test.each(["includeSubDomains", "preload"])("refuses a %s that is not a boolean", (option) => {
    expect(hstsProblems({ [option]: "yes" })).toEqual([expect.stringMatching(new RegExp(`^property 'hsts\\.${option}' must be true or false, got "yes"$`))]);
  });

  test("accepts the largest max-age, two years, and a max-age of 0, which tells browsers to forget the host", () => {
    expect(hstsProblems({ maxAgeSeconds: 63072000 })).toEqual([]);
    expect(hstsProblems({ maxAgeSeconds: 0 })).toEqual([]);
    expect(renderHsts({ maxAgeSeconds: 0 })).toBe("max-age=0; includeSubDomains");
  });
});
