import { ALLOWED_PRINCIPAL, credentialsMatch, decide, DENIED_PRINCIPAL } from "../../../lambdas/authorizer/decision";
import { METHOD_ARN, requestEvent, STAGE_WIDE } from "../../support/authorizer-events";

const SETTINGS = { identityHeader: "x-custom-auth", expectedCredential: "allow" };

function statementOf(decision: ReturnType<typeof decide>): { Effect: string; Resource: string; Action: string } {
  if (decision.decision === "unauthenticated") {
    throw new Error("no policy for an unauthenticated request");
  }
  return decision.result.policyDocument.Statement[0] as { Effect: string; Resource: string; Action: string };
}

describe("decide", () => {
  test("a request without the header is unauthenticated (401)", () => {
    expect(decide(requestEvent({}), SETTINGS)).toEqual({ decision: "unauthenticated", reason: "missing-credential" });
  });

  test("a request with an empty header is unauthenticated (401)", () => {
    expect(decide(requestEvent({ "x-custom-auth": "" }), SETTINGS).decision).toBe("unauthenticated");
  });

  test("a request with null headers is unauthenticated (401)", () => {
    expect(decide(requestEvent(null), SETTINGS).decision).toBe("unauthenticated");
  });

  test("a wrong credential gets a Deny policy (403)", () => {
    const decision = decide(requestEvent({ "x-custom-auth": "deny" }), SETTINGS);
    expect(decision.decision).toBe("deny");
    expect(statementOf(decision)).toEqual({ Action: "execute-api:Invoke", Effect: "Deny", Resource: STAGE_WIDE });
  });

  test("the right credential gets an Allow policy over the whole stage, so a cached decision fits every route", () => {
    const decision = decide(requestEvent({ "x-custom-auth": "allow" }), SETTINGS);
    expect(decision.decision).toBe("allow");
    expect(statementOf(decision)).toEqual({ Action: "execute-api:Invoke", Effect: "Allow", Resource: STAGE_WIDE });
    expect(statementOf(decision).Resource).not.toBe(METHOD_ARN);
  });

  test("an allowed request's principal is the credential holder, never the credential", () => {
    const settings = { identityHeader: "x-custom-auth", expectedCredential: "open-sesame-42" };
    const decision = decide(requestEvent({ "x-custom-auth": "open-sesame-42" }), settings);
    expect(decision.decision !== "unauthenticated" && decision.result.principalId).toBe(ALLOWED_PRINCIPAL);
    expect(JSON.stringify(decision)).not.toContain("open-sesame-42");
  });

  test("a denied request's principal is anonymous", () => {
    const decision = decide(requestEvent({ "x-custom-auth": "nope" }), SETTINGS);
    expect(decision.decision !== "unauthenticated" && decision.result.principalId).toBe(DENIED_PRINCIPAL);
  });

  test.each(["X-Custom-Auth", "X-CUSTOM-AUTH", "x-custom-auth"])("finds the header spelled %s", (name) => {
    expect(decide(requestEvent({ [name]: "allow" }), SETTINGS).decision).toBe("allow");
  });

  test.each(["Allow", "ALLOW", "allow ", " allow", "allo", "allowallow", "allow\u0000"])(
    "compares exactly: %p is denied",
    (value) => {
      expect(decide(requestEvent({ "x-custom-auth": value }), SETTINGS).decision).toBe("deny");
    },
  );

  test("two different values of the header are denied, whichever comes first", () => {
    const event = requestEvent({ "x-custom-auth": "allow" });
    expect(decide({ ...event, multiValueHeaders: { "x-custom-auth": ["allow", "deny"] } }, SETTINGS).decision).toBe("deny");
    expect(decide({ ...event, headers: { "X-Custom-Auth": "deny", "x-custom-auth": "allow" } }, SETTINGS).decision).toBe("deny");
  });

  test("a non-string header value is denied", () => {
    const event = { ...requestEvent({}), headers: { "x-custom-auth": 42 } };
    expect(decide(event, SETTINGS).decision).toBe("deny");
  });

  test.each([undefined, "", "arn:aws:s3:::bucket", "not an arn", 7])(
    "the right credential with the unusable method ARN %p is denied, never allowed",
    (methodArn) => {
      const decision = decide({ ...requestEvent({ "x-custom-auth": "allow" }), methodArn }, SETTINGS);
      expect(decision).toMatchObject({ decision: "deny", reason: "malformed-method-arn" });
      expect(statementOf(decision)).toEqual({ Action: "execute-api:Invoke", Effect: "Deny", Resource: "*" });
    },
  );

  test.each([null, undefined, "event", 42, []])("the malformed event %p is never allowed", (event) => {
    expect(decide(event, SETTINGS).decision).not.toBe("allow");
  });

  test("reads the header named in its settings", () => {
    const settings = { identityHeader: "x-api-key", expectedCredential: "s3cret" };
    expect(decide(requestEvent({ "x-api-key": "s3cret" }), settings).decision).toBe("allow");
    expect(decide(requestEvent({ "x-custom-auth": "s3cret" }), settings).decision).toBe("unauthenticated");
  });
});

describe("credentialsMatch", () => {
  test("matches equal strings", () => {
    expect(credentialsMatch("allow", "allow")).toBe(true);
  });

  test("does not throw on unequal lengths, and does not match", () => {
    expect(() => credentialsMatch("a", "a much longer credential")).not.toThrow();
    expect(credentialsMatch("a", "a much longer credential")).toBe(false);
  });

  test("distinguishes strings that differ only in Unicode normalisation", () => {
    expect(credentialsMatch("\u00e9", "e\u0301")).toBe(false);
  });
});
