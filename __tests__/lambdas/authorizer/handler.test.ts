import { handler, UNAUTHORIZED } from "../../../lambdas/authorizer/index";
import { setLogSink } from "../../../lambdas/shared/logger";
import { requestEvent, STAGE_WIDE } from "../../support/authorizer-events";

const CREDENTIAL = "correct-horse-battery";
const CONTEXT = { awsRequestId: "lambda-req-1" };

describe("authorizer handler", () => {
  let lines: string[];
  let restoreSink: ReturnType<typeof setLogSink>;
  const savedEnv = { ...process.env };

  beforeEach(() => {
    // Prepare
    lines = [];
    restoreSink = setLogSink((line) => lines.push(line));
    process.env.IDENTITY_HEADER = "x-custom-auth";
    process.env.CREDENTIAL_SOURCE = "inline-demo";
    process.env.EXPECTED_CREDENTIAL = CREDENTIAL;
  });

  afterEach(() => {
    setLogSink(restoreSink);
    process.env = { ...savedEnv };
  });

  test("throws exactly 'Unauthorized' when the header is missing, so API Gateway answers 401", async () => {
    await expect(handler(requestEvent({}), CONTEXT)).rejects.toThrow(new Error(UNAUTHORIZED));
    expect(UNAUTHORIZED).toBe("Unauthorized");
  });

  test("returns a Deny policy for a wrong credential, so API Gateway answers 403", async () => {
    const result = await handler(requestEvent({ "x-custom-auth": "deny" }), CONTEXT);
    expect(result.policyDocument.Statement).toEqual([{ Action: "execute-api:Invoke", Effect: "Deny", Resource: STAGE_WIDE }]);
  });

  test("returns an Allow policy for the configured credential", async () => {
    const result = await handler(requestEvent({ "X-Custom-Auth": CREDENTIAL }), CONTEXT);
    expect(result.policyDocument.Statement).toEqual([{ Action: "execute-api:Invoke", Effect: "Allow", Resource: STAGE_WIDE }]);
  });

  test("accepts only the configured credential, not the reference's literal", async () => {
    const result = await handler(requestEvent({ "x-custom-auth": "allow" }), CONTEXT);
    expect(result.policyDocument.Statement[0]).toMatchObject({ Effect: "Deny" });
  });

  test.each(["EXPECTED_CREDENTIAL", "IDENTITY_HEADER", "CREDENTIAL_SOURCE"])("fails closed with 'Unauthorized' when %s is not set", async (name) => {
    delete process.env[name];
    await expect(handler(requestEvent({ "x-custom-auth": CREDENTIAL }), CONTEXT)).rejects.toThrow(UNAUTHORIZED);
    expect(JSON.parse(lines[0])).toMatchObject({ level: "error", decision: "unauthenticated", requestId: "lambda-req-1" });
  });

  test("logs one structured line per decision with the request ids and reason", async () => {
    await handler(requestEvent({ "x-custom-auth": "deny" }), CONTEXT);
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0])).toMatchObject({
      level: "info",
      decision: "deny",
      reason: "wrong-credential",
      principalId: "anonymous",
      requestId: "lambda-req-1",
      apiRequestId: "req-1",
    });
  });

  test.each([CREDENTIAL, "wrong-guess-123"])("never logs the presented credential %p", async (presented) => {
    await handler(requestEvent({ "x-custom-auth": presented }), CONTEXT);
    expect(lines.join("\n")).not.toContain(presented);
    expect(lines.join("\n")).not.toContain(CREDENTIAL);
  });

  test("survives an event without requestContext and still decides", async () => {
    const event = { ...requestEvent({ "x-custom-auth": CREDENTIAL }), requestContext: undefined } as unknown as Parameters<typeof handler>[0];
    await expect(handler(event)).resolves.toMatchObject({ principalId: "credential-holder" });
  });
});
