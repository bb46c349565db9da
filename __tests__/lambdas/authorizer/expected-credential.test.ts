import { clearCaches } from "@aws-lambda-powertools/parameters";
import { GetParameterCommand, SSMClient } from "@aws-sdk/client-ssm";
import { mockClient } from "aws-sdk-client-mock";
import { expectedCredential } from "../../../lambdas/authorizer/expected-credential";
import { handler, UNAUTHORIZED } from "../../../lambdas/authorizer/index";
import { setLogSink } from "../../../lambdas/shared/logger";
import { requestEvent } from "../../support/authorizer-events";

const PARAMETER = "/Api/authorizer/credential";
const SECRET = "s3cret-from-ssm";
const SSM_SETTING = { source: "ssm", parameterName: PARAMETER, maxAgeSeconds: 300 } as const;

describe("expectedCredential from SSM", () => {
  const ssm = mockClient(SSMClient);

  beforeEach(() => {
    ssm.reset();
    clearCaches();
  });
  afterEach(() => jest.useRealTimers());

  test("reads the configured parameter with decryption", async () => {
    ssm.on(GetParameterCommand, { Name: PARAMETER, WithDecryption: true }).resolves({ Parameter: { Name: PARAMETER, Value: SECRET } });
    await expect(expectedCredential(SSM_SETTING)).resolves.toBe(SECRET);
    expect(ssm.commandCalls(GetParameterCommand).map((call) => call.args[0].input)).toEqual([{ Name: PARAMETER, WithDecryption: true }]);
  });

  test("keeps the value across warm invocations within its max age, and reads it again after", async () => {
    jest.useFakeTimers({ now: new Date("2026-11-25T00:00:00Z"), doNotFake: ["nextTick", "setImmediate", "queueMicrotask"] });
    ssm.on(GetParameterCommand, { Name: PARAMETER, WithDecryption: true }).resolvesOnce({ Parameter: { Value: SECRET } }).resolves({ Parameter: { Value: "rotated" } });
    await expectedCredential(SSM_SETTING);
    jest.setSystemTime(new Date("2026-11-25T00:04:59Z"));
    await expect(expectedCredential(SSM_SETTING)).resolves.toBe(SECRET);
    expect(ssm.commandCalls(GetParameterCommand)).toHaveLength(1);
    jest.setSystemTime(new Date("2026-11-25T00:05:01Z"));
    await expect(expectedCredential(SSM_SETTING)).resolves.toBe("rotated");
    expect(ssm.commandCalls(GetParameterCommand)).toHaveLength(2);
  });

  test("asks SSM for the parameter named in its setting, and for no other", async () => {
    ssm.on(GetParameterCommand).resolves({ Parameter: { Value: "some-other-parameter" } });
    ssm.on(GetParameterCommand, { Name: PARAMETER, WithDecryption: true }).resolves({ Parameter: { Value: SECRET } });
    await expect(expectedCredential({ ...SSM_SETTING, parameterName: "/Other/parameter" })).resolves.toBe("some-other-parameter");
    clearCaches();
    await expect(expectedCredential(SSM_SETTING)).resolves.toBe(SECRET);
  });

  test("fails when the parameter has no value", async () => {
    ssm.on(GetParameterCommand, { Name: PARAMETER, WithDecryption: true }).resolves({ Parameter: { Name: PARAMETER } });
    await expect(expectedCredential(SSM_SETTING)).rejects.toThrow("the credential parameter is empty");
  });

  test("fails when the parameter is empty", async () => {
    ssm.on(GetParameterCommand, { Name: PARAMETER, WithDecryption: true }).resolves({ Parameter: { Value: "" } });
    await expect(expectedCredential(SSM_SETTING)).rejects.toThrow("the credential parameter is empty");
  });

  test("never calls SSM for the inline demo credential", async () => {
    await expect(expectedCredential({ source: "inline-demo", credential: "allow" })).resolves.toBe("allow");
    expect(ssm.commandCalls(GetParameterCommand)).toHaveLength(0);
  });
});

describe("authorizer handler with its credential in SSM", () => {
  const ssm = mockClient(SSMClient);
  const savedEnv = { ...process.env };
  let lines: string[];
  let restoreSink: ReturnType<typeof setLogSink>;

  beforeEach(() => {
    ssm.reset();
    clearCaches();
    lines = [];
    restoreSink = setLogSink((line) => lines.push(line));
    Object.assign(process.env, {
      IDENTITY_HEADER: "x-custom-auth",
      CREDENTIAL_SOURCE: "ssm",
      CREDENTIAL_PARAMETER: PARAMETER,
      CREDENTIAL_MAX_AGE_SECONDS: "300",
    });
  });
  afterEach(() => {
    setLogSink(restoreSink);
    process.env = { ...savedEnv };
  });

  test("allows the parameter's value", async () => {
    ssm.on(GetParameterCommand, { Name: PARAMETER, WithDecryption: true }).resolves({ Parameter: { Value: SECRET } });
    const result = await handler(requestEvent({ "x-custom-auth": SECRET }));
    expect(result.policyDocument.Statement[0]).toMatchObject({ Effect: "Allow" });
  });

  test("denies anything else, the reference's 'allow' included", async () => {
    ssm.on(GetParameterCommand, { Name: PARAMETER, WithDecryption: true }).resolves({ Parameter: { Value: SECRET } });
    const result = await handler(requestEvent({ "x-custom-auth": "allow" }));
    expect(result.policyDocument.Statement[0]).toMatchObject({ Effect: "Deny" });
  });

  test("fails closed with 401, not 500, when the parameter cannot be read", async () => {
    ssm.on(GetParameterCommand, { Name: PARAMETER, WithDecryption: true }).rejects(Object.assign(new Error("User is not authorized to perform ssm:GetParameter"), { name: "AccessDeniedException" }));
    await expect(handler(requestEvent({ "x-custom-auth": SECRET }))).rejects.toThrow(new Error(UNAUTHORIZED));
    expect(JSON.parse(lines[0])).toMatchObject({ level: "error", decision: "unauthenticated" });
  });

  test("never logs the parameter's value", async () => {
    ssm.on(GetParameterCommand, { Name: PARAMETER, WithDecryption: true }).resolves({ Parameter: { Value: SECRET } });
    await handler(requestEvent({ "x-custom-auth": SECRET }));
    await handler(requestEvent({ "x-custom-auth": "nope" }));
    expect(lines).toHaveLength(2);
    expect(lines.join("\n")).not.toContain(SECRET);
  });
});
