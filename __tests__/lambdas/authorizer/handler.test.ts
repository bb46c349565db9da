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

  test("logs an allowed request with its reason and the credential holder as principal", async () => {
    await handler(requestEvent({ "x-custom-auth": CREDENTIAL }), CONTEXT);
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0])).toEqual({
      timestamp: expect.any(String),
      level: "info",
      message: "authorizer decision",
      decision: "allow",
      reason: "matching-credential",
      principalId: "credential-holder",
      requestId: "lambda-req-1",
      apiRequestId: "req-1",
    });
  });

  test("logs an unauthenticated request with its reason and an anonymous principal before answering 401", async () => {
    await expect(handler(requestEvent({}), CONTEXT)).rejects.toThrow(new Error(UNAUTHORIZED));
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0])).toMatchObject({
      level: "info",
      decision: "unauthenticated",
      reason: "missing-credential",
      principalId: "anonymous",
    });
  });

  test("answers 401 to a repeated header with different values, and logs why", async () => {
    const event = { ...requestEvent({ "x-custom-auth": CREDENTIAL }), multiValueHeaders: { "x-custom-auth": ["someone-else", CREDENTIAL] } };
    await expect(handler(event, CONTEXT)).rejects.toThrow(new Error(UNAUTHORIZED));
    expect(JSON.parse(lines[0])).toMatchObject({ decision: "unauthenticated", reason: "ambiguous-credential", principalId: "anonymous" });
  });

  test("logs a failure with the error's name, the ids and no decision reason, then answers 401", async () => {
    delete process.env.IDENTITY_HEADER;
    await expect(handler(requestEvent({ "x-custom-auth": CREDENTIAL }), CONTEXT)).rejects.toThrow(new Error(UNAUTHORIZED));
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0])).toEqual({
      timestamp: expect.any(String),
      level: "error",
      message: "authorizer failed; answering Unauthorized",
      decision: "unauthenticated",
      errorName: "Error",
      requestId: "lambda-req-1",
      apiRequestId: "req-1",
    });
  });

  test("names a thrown non-Error by its type in the failure log", async () => {
    process.env.IDENTITY_HEADER = "x-custom-auth";
    const throwing = { ...requestEvent({ "x-custom-auth": CREDENTIAL }) };
    Object.defineProperty(throwing, "methodArn", {
      get: () => {
        throw "not an Error";
      },
    });
    await expect(handler(throwing, CONTEXT)).rejects.toThrow(new Error(UNAUTHORIZED));
    expect(JSON.parse(lines[0])).toMatchObject({ level: "error", errorName: "string" });
  });

  test.each([null, undefined])("answers 401 to a %p event, logging it without API request id", async (event) => {
    await expect(handler(event as unknown as Parameters<typeof handler>[0])).rejects.toThrow(new Error(UNAUTHORIZED));
    const line = JSON.parse(lines[0]) as Record<string, unknown>;
    expect(line).toMatchObject({ decision: "unauthenticated", reason: "missing-credential" });
    expect(line).not.toHaveProperty("apiRequestId");
    expect(line).not.toHaveProperty("requestId");
  });

  test("logs no API request id when the event's is not a string", async () => {
    const event = requestEvent({ "x-custom-auth": "deny" });
    const odd = { ...event, requestContext: { ...event.requestContext, requestId: 42 } } as unknown as Parameters<typeof handler>[0];
    await handler(odd, CONTEXT);
    expect(JSON.parse(lines[0])).not.toHaveProperty("apiRequestId");
  });

  test("survives an event without requestContext and still decides", async () => {
    const event = { ...requestEvent({ "x-custom-auth": CREDENTIAL }), requestContext: undefined } as unknown as Parameters<typeof handler>[0];
    await expect(handler(event)).resolves.toMatchObject({ principalId: "credential-holder" });
  });
});
