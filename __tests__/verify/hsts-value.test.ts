import { hstsProblems } from "../../scripts/verify/hsts-value";

describe("hstsProblems", () => {
  test.each([
    "max-age=31536000; includeSubDomains; preload",
    "max-age=63072000; includeSubDomains; preload",
    "max-age=31536000; includeSubDomains",
    "max-age=300",
    'max-age="31536000"; includesubdomains; PRELOAD',
  ])("accepts %s", (value) => {
    expect(hstsProblems(value)).toEqual([]);
  });

  test("a value without max-age is invalid", () => {
    expect(hstsProblems("includeSubDomains; preload")).toContainEqual(expect.stringContaining("no max-age"));
  });

  test("a max-age that is not a whole number is invalid", () => {
    expect(hstsProblems("max-age=1e9")).toEqual([expect.stringContaining('max-age must be a whole number of seconds, got "1e9"')]);
  });

  test("max-age=0 is reported: it switches HSTS off", () => {
    expect(hstsProblems("max-age=0")).toEqual([expect.stringContaining("forget")]);
  });

  test("preload without includeSubDomains is invalid", () => {
    expect(hstsProblems("max-age=31536000; preload")).toEqual([expect.stringContaining("preload without includeSubDomains")]);
  });

  test("preload with a max-age under a year is invalid", () => {
    expect(hstsProblems("max-age=31535999; includeSubDomains; preload")).toEqual([expect.stringContaining("below the 31536000")]);
  });

  test("a repeated directive makes the header invalid", () => {
    expect(hstsProblems("max-age=31536000; max-age=1")).toContainEqual(expect.stringContaining("max-age appears more than once"));
  });
});
