import { AUTHORIZER_ENV, readSettings } from "../../../lambdas/authorizer/settings";

const INLINE = { IDENTITY_HEADER: "x-custom-auth", CREDENTIAL_SOURCE: "inline-demo", EXPECTED_CREDENTIAL: "open-sesame-42" };
const SSM = { IDENTITY_HEADER: "x-custom-auth", CREDENTIAL_SOURCE: "ssm", CREDENTIAL_PARAMETER: "/Api/authorizer/credential", CREDENTIAL_MAX_AGE_SECONDS: "300" };

/** The message readSettings throws for `env`, or fails the test if it does not throw. */
function problem(env: Record<string, string | undefined>): string {
  try {
    readSettings(env);
  } catch (error: unknown) {
    return (error as Error).message;
  }
  throw new Error("readSettings accepted the environment");
}

describe("readSettings", () => {
  test("reads the variable names the stack sets (src/api/credential-access.ts uses these constants)", () => {
    expect(AUTHORIZER_ENV).toEqual({
      identityHeader: "IDENTITY_HEADER",
      credentialSource: "CREDENTIAL_SOURCE",
      expectedCredential: "EXPECTED_CREDENTIAL",
      credentialParameter: "CREDENTIAL_PARAMETER",
      credentialMaxAgeSeconds: "CREDENTIAL_MAX_AGE_SECONDS",
    });
  });

  test("inline-demo: the header and the credential from the environment, nothing from SSM", () => {
    expect(readSettings(INLINE)).toEqual({
      identityHeader: "x-custom-auth",
      credential: { source: "inline-demo", credential: "open-sesame-42" },
    });
  });

  test("ssm: the header, the parameter's name and how long to keep its value", () => {
    expect(readSettings(SSM)).toEqual({
      identityHeader: "x-custom-auth",
      credential: { source: "ssm", parameterName: "/Api/authorizer/credential", maxAgeSeconds: 300 },
    });
  });

  test("ssm: a cache age of 0 is accepted (read on every invocation)", () => {
    expect(readSettings({ ...SSM, CREDENTIAL_MAX_AGE_SECONDS: "0" }).credential).toMatchObject({ maxAgeSeconds: 0 });
  });

  test.each(["-1", "1.5", "abc", "Infinity"])("ssm: the cache age %p is refused, naming the variable", (age) => {
    expect(problem({ ...SSM, CREDENTIAL_MAX_AGE_SECONDS: age })).toBe("CREDENTIAL_MAX_AGE_SECONDS must be a whole number of seconds");
  });

  test.each([
    ["IDENTITY_HEADER", INLINE],
    ["CREDENTIAL_SOURCE", INLINE],
    ["EXPECTED_CREDENTIAL", INLINE],
    ["CREDENTIAL_PARAMETER", SSM],
    ["CREDENTIAL_MAX_AGE_SECONDS", SSM],
  ])("%s missing or empty is refused as not set", (name, env) => {
    expect(problem({ ...env, [name]: undefined })).toBe(`${name} is not set`);
    expect(problem({ ...env, [name]: "" })).toBe(`${name} is not set`);
  });

  test("an unknown credential source is refused, naming the allowed ones", () => {
    expect(problem({ ...INLINE, CREDENTIAL_SOURCE: "secrets-manager" })).toBe("CREDENTIAL_SOURCE must be ssm or inline-demo");
  });

  test("each source needs only its own variables: SSM no inline credential, inline-demo no parameter or cache age", () => {
    expect("EXPECTED_CREDENTIAL" in SSM).toBe(false);
    expect(() => readSettings(SSM)).not.toThrow();
    expect("CREDENTIAL_PARAMETER" in INLINE || "CREDENTIAL_MAX_AGE_SECONDS" in INLINE).toBe(false);
    expect(() => readSettings(INLINE)).not.toThrow();
  });

  test("never puts the credential in an error message", () => {
    expect(problem({ ...INLINE, IDENTITY_HEADER: "" })).not.toContain("open-sesame-42");
    expect(problem({ ...INLINE, CREDENTIAL_SOURCE: "open-sesame-42x" })).not.toContain("open-sesame-42");
  });
});
