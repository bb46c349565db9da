import { parseVerifyArgs, VerifyArgError } from "../../scripts/verify/verify-args";

const URL_TEXT = "https://abc123.execute-api.eu-west-1.amazonaws.com/prod";

describe("parseVerifyArgs", () => {
  test("the stage URL alone takes every default, trailing slash dropped", () => {
    const args = parseVerifyArgs([`${URL_TEXT}/`]);
    expect(args.stageUrl.href).toBe(URL_TEXT);
    expect(args.credential).toBeUndefined();
    expect(args.stackFile).toBeUndefined();
    expect(args.timeoutSeconds).toBe(10);
    expect(args.json).toBe(false);
  });

  test("the credential comes from VERIFY_CREDENTIAL when not given as a flag", () => {
    expect(parseVerifyArgs([URL_TEXT], { VERIFY_CREDENTIAL: "s3cret" }).credential).toBe("s3cret");
  });

  test("--credential wins over VERIFY_CREDENTIAL", () => {
    expect(parseVerifyArgs([URL_TEXT, "--credential", "flag"], { VERIFY_CREDENTIAL: "env" }).credential).toBe("flag");
  });

  test("an empty VERIFY_CREDENTIAL counts as none", () => {
    expect(parseVerifyArgs([URL_TEXT], { VERIFY_CREDENTIAL: "" }).credential).toBeUndefined();
  });

  test("route, method and identity header flags are normalised", () => {
    const args = parseVerifyArgs([URL_TEXT, "--path", "/orders/1", "--method", "post", "--identity-header", "X-Api-Key"]);
    expect(args.resourcePath).toBe("/orders/1");
    expect(args.httpMethod).toBe("POST");
    expect(args.identityHeader).toBe("x-api-key");
  });

  test("--help needs no URL", () => {
    expect(parseVerifyArgs(["--help"]).help).toBe(true);
  });

  test.each([
    [[], "argument <stage invoke URL> is missing"],
    [["not a url"], "argument <stage invoke URL> must be an absolute http(s) URL"],
    [["ftp://example.com/prod"], "argument <stage invoke URL> must be http:// or https://"],
    [[`${URL_TEXT}?a=1`], "argument <stage invoke URL> must be the stage's invoke URL without query"],
    [[URL_TEXT, URL_TEXT], "one stage invoke URL only"],
    [[URL_TEXT, "--timeout", "0"], "option --timeout must be a whole number of seconds from 1 to 120"],
    [[URL_TEXT, "--timeout"], "option --timeout needs a value"],
    [[URL_TEXT, "--method", "FETCH"], "option --method must be one of"],
    [[URL_TEXT, "--path", "test"], "option --path must be an absolute path"],
    [[URL_TEXT, "--identity-header", "bad header"], "option --identity-header must be an HTTP header name"],
    [[URL_TEXT, "--credential", "with space"], "option --credential must be visible ASCII"],
    [[URL_TEXT, "--bogus"], 'unknown option "--bogus"'],
  ])("%j is refused: %s", (argv, message) => {
    expect(() => parseVerifyArgs(argv)).toThrow(VerifyArgError);
    expect(() => parseVerifyArgs(argv)).toThrow(message);
  });

  test("a refused credential is never echoed", () => {
    expect(() => parseVerifyArgs([URL_TEXT, "--credential", "my secret"])).toThrow(expect.objectContaining({ message: expect.not.stringContaining("my secret") }));
  });
});
