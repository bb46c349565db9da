import { credentialPlan } from "../../scripts/start/ssm-credential";

const stack = (authorizerVariables: Record<string, string>) => ({
  resource: {
    aws_lambda_function: {
      authorizer: { function_name: "Api-authorizer", environment: { variables: authorizerVariables } },
      backend: { function_name: "Api-backend", environment: { variables: { SECURITY_HEADERS: "{}" } } },
    },
  },
});
const SSM = stack({ CREDENTIAL_SOURCE: "ssm", CREDENTIAL_PARAMETER: "/Api/authorizer/credential", IDENTITY_HEADER: "x-custom-auth" });
const INLINE = stack({ CREDENTIAL_SOURCE: "inline-demo", EXPECTED_CREDENTIAL: "allow" });

describe("credentialPlan", () => {
  test("with --credential, each function reading SSM accepts it inline instead", () => {
    const plan = credentialPlan(SSM, "demo", {});
    expect(plan.environmentOverrides).toEqual({ "Api-authorizer": { CREDENTIAL_SOURCE: "inline-demo", EXPECTED_CREDENTIAL: "demo" } });
    expect(plan.notes).toEqual([]);
  });

  test("functions that do not read SSM are left alone", () => {
    expect(credentialPlan(SSM, "demo", {}).environmentOverrides).not.toHaveProperty("Api-backend");
  });

  test("without --credential, a note names the function, its parameter and the flag", () => {
    const plan = credentialPlan(SSM, undefined, {});
    expect(plan.environmentOverrides).toEqual({});
    expect(plan.notes).toEqual([expect.stringMatching(/^Api-authorizer reads its credential from SSM \(\/Api\/authorizer\/credential\).*401.*--credential VALUE/)]);
  });

  test("an explicit --env of the credential source silences the note: the user chose", () => {
    const overrides = { "Api-authorizer": { CREDENTIAL_SOURCE: "inline-demo", EXPECTED_CREDENTIAL: "x" } };
    const plan = credentialPlan(SSM, undefined, overrides);
    expect(plan.notes).toEqual([]);
    expect(plan.environmentOverrides).toEqual(overrides);
  });

  test("an explicit --env wins over --credential for the same variable", () => {
    const plan = credentialPlan(SSM, "demo", { "Api-authorizer": { EXPECTED_CREDENTIAL: "explicit" } });
    expect(plan.environmentOverrides["Api-authorizer"]).toEqual({ CREDENTIAL_SOURCE: "inline-demo", EXPECTED_CREDENTIAL: "explicit" });
  });

  test("--credential on a stack without an SSM reader is noted as unused, and changes nothing", () => {
    const plan = credentialPlan(INLINE, "demo", {});
    expect(plan.environmentOverrides).toEqual({});
    expect(plan.notes).toEqual([expect.stringContaining("--credential is not used")]);
  });

  test("an unreadable stack yields no overrides and no notes: the gateway reports it", () => {
    expect(credentialPlan(undefined, undefined, {})).toEqual({ environmentOverrides: {}, notes: [] });
  });
});
