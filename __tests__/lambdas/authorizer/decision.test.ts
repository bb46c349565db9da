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

  describe("a repeated identity header (API Gateway caches the decision under one of its values)", () => {
    const event = requestEvent({ "x-custom-auth": "allow" });

    test.each([
      ["the right credential, then a wrong one", ["allow", "deny"]],
      ["a wrong credential, then the right one", ["deny", "allow"]],
      ["an empty value beside the right credential", ["", "allow"]],
      ["the right credential beside an empty value", ["allow", ""]],
    ])("%s is unauthenticated (401): neither an Allow nor a Deny that could be cached under the other value", (_, values) => {
      const decision = decide({ ...event, headers: { "x-custom-auth": values[values.length - 1] }, multiValueHeaders: { "x-custom-auth": values } }, SETTINGS);
      expect(decision).toEqual({ decision: "unauthenticated", reason: "ambiguous-credential" });
    });

    test("two spellings of the header with different values are unauthenticated (401), whichever comes first", () => {
      expect(decide({ ...event, headers: { "X-Custom-Auth": "deny", "x-custom-auth": "allow" } }, SETTINGS)).toMatchObject({ reason: "ambiguous-credential" });
      expect(decide({ ...event, headers: { "X-Custom-Auth": "allow", "x-custom-auth": "deny" } }, SETTINGS)).toMatchObject({ reason: "ambiguous-credential" });
    });

    test("headers and multiValueHeaders that disagree are unauthenticated (401): the cache key is not knowable", () => {
      const decision = decide({ ...event, headers: { "x-custom-auth": "allow" }, multiValueHeaders: { "x-custom-auth": ["deny"] } }, SETTINGS);
      expect(decision.decision).toBe("unauthenticated");
    });

    test("the same credential sent twice is decided on, as it is the cache key whichever value API Gateway takes", () => {
      const twice = { ...event, multiValueHeaders: { "x-custom-auth": ["allow", "allow"], "X-CUSTOM-AUTH": ["allow"] } };
      expect(decide(twice, SETTINGS).decision).toBe("allow");
      const wrongTwice = { ...event, headers: { "x-custom-auth": "deny" }, multiValueHeaders: { "x-custom-auth": ["deny", "deny"] } };
      expect(decide(wrongTwice, SETTINGS).decision).toBe("deny");
    });
  });

  test.each([42, true, { value: "allow" }, ["allow"]])("a non-string header value %p is unauthenticated (401), never allowed", (value) => {
    const event = { ...requestEvent({}), headers: { "x-custom-auth": value } };
    expect(decide(event, SETTINGS)).toEqual({ decision: "unauthenticated", reason: "ambiguous-credential" });
  });

  test("a non-string value in multiValueHeaders, even beside the right credential, is unauthenticated (401)", () => {
    const event = { ...requestEvent({ "x-custom-auth": "allow" }), multiValueHeaders: { "x-custom-auth": ["allow", 7] } };
    expect(decide(event, SETTINGS)).toEqual({ decision: "unauthenticated", reason: "ambiguous-credential" });
  });

  test("a multiValueHeaders entry that is a bare string rather than a list is still read as that value", () => {
    expect(decide({ methodArn: METHOD_ARN, multiValueHeaders: { "x-custom-auth": "allow" } }, SETTINGS).decision).toBe("allow");
    expect(decide({ methodArn: METHOD_ARN, headers: { "x-custom-auth": "allow" }, multiValueHeaders: { "x-custom-auth": "deny" } }, SETTINGS).decision).toBe(
      "unauthenticated",
    );
  });

  test("the credential found only in multiValueHeaders is decided on", () => {
    expect(decide({ methodArn: METHOD_ARN, headers: null, multiValueHeaders: { "X-Custom-Auth": ["allow"] } }, SETTINGS).decision).toBe("allow");
    expect(decide({ methodArn: METHOD_ARN, headers: null, multiValueHeaders: { "X-Custom-Auth": ["nope"] } }, SETTINGS).decision).toBe("deny");
  });

  test("a null header value counts as absent: beside the credential it is allowed, alone it is unauthenticated", () => {
    expect(decide({ methodArn: METHOD_ARN, headers: { "x-custom-auth": "allow" }, multiValueHeaders: { "x-custom-auth": [null] } }, SETTINGS).decision).toBe("allow");
    expect(decide({ methodArn: METHOD_ARN, headers: { "x-custom-auth": null } }, SETTINGS)).toEqual({ decision: "unauthenticated", reason: "missing-credential" });
  });

  test("an undefined header value counts as absent: beside the credential it is allowed, alone it is unauthenticated", () => {
    expect(decide({ methodArn: METHOD_ARN, headers: { "x-custom-auth": undefined }, multiValueHeaders: { "x-custom-auth": ["allow"] } }, SETTINGS).decision).toBe("allow");
    expect(decide({ methodArn: METHOD_ARN, multiValueHeaders: { "x-custom-auth": [undefined] } }, SETTINGS)).toEqual({ decision: "unauthenticated", reason: "missing-credential" });
  });

  test("only empty values of the header are unauthenticated as a missing credential", () => {
    const event = { methodArn: METHOD_ARN, headers: { "x-custom-auth": "" }, multiValueHeaders: { "x-custom-auth": ["", ""] } };
    expect(decide(event, SETTINGS)).toEqual({ decision: "unauthenticated", reason: "missing-credential" });
  });

  test.each([["allow"], "allow", "0allow"])("headers given as %p (not a name-to-value map) are never read, even for a header named like an index", (bag) => {
    const settings = { identityHeader: "0", expectedCredential: "allow" };
    expect(decide({ methodArn: METHOD_ARN, headers: bag }, settings).decision).toBe("unauthenticated");
    expect(decide({ methodArn: METHOD_ARN, multiValueHeaders: bag }, settings).decision).toBe("unauthenticated");
  });

  test("headers that are not a name-to-value object are ignored, never read as the credential", () => {
    expect(decide({ methodArn: METHOD_ARN, headers: ["x-custom-auth", "allow"] }, SETTINGS).decision).toBe("unauthenticated");
    expect(decide({ methodArn: METHOD_ARN, multiValueHeaders: [["x-custom-auth", "allow"]] }, SETTINGS).decision).toBe("unauthenticated");
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

  test("matches a non-ASCII credential by its characters", () => {
    expect(credentialsMatch("pässwörd-秘密", "pässwörd-秘密")).toBe(true);
    expect(credentialsMatch("pässwörd-秘密", "passwort-秘密")).toBe(false);
  });

  test("distinguishes strings that differ only in Unicode normalisation", () => {
    expect(credentialsMatch("\u00e9", "e\u0301")).toBe(false);
  });
});
