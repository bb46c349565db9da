import type { ProbeReply } from "../../scripts/verify/transport/http-probe";
import { SEED_DEFAULTS } from "../../scripts/verify/expectations/expectations";
import { probePlan } from "../../scripts/verify/probe-plan";
import { headerPolicyCheck, hstsCheck, statusCheck, type ProbeOutcome } from "../../scripts/verify/response-checks";

const POLICY = SEED_DEFAULTS.headers;
const [unauthorized, denied, allowed, unknownPath, missingMethod] = probePlan(SEED_DEFAULTS, "s3cret", "nonce");
const reply = (status: number, headers: Record<string, string> = POLICY, bodyStart = ""): ProbeReply => ({ status, headers, bodyStart });

describe("probePlan", () => {
  test("the 401 probe sends no identity header", () => {
    expect(unauthorized.headers).toEqual({});
    expect(unauthorized.path).toBe("/test");
  });

  test("the wrong credential is unique to the run and is not the credential", () => {
    expect(denied.headers["x-custom-auth"]).toBe("verify-wrong-nonce");
  });

  test("the 2xx probe sends the credential and never shows the body", () => {
    expect(allowed.headers["x-custom-auth"]).toBe("s3cret");
    expect(allowed.showBody).toBe(false);
  });

  test("the 2xx probe is skipped with a note without a credential", () => {
    expect(probePlan(SEED_DEFAULTS, undefined, "n")[2].skipReason).toMatch(/no --credential or VERIFY_CREDENTIAL/);
  });

  test("the unknown path is unique to the run", () => {
    expect(unknownPath.path).toBe("/verify-unknown-nonce");
  });

  test("the missing method is one the route does not have", () => {
    expect(missingMethod.method).toBe("DELETE");
    expect(probePlan({ ...SEED_DEFAULTS, routeMethods: ["DELETE", "GET"] }, undefined, "n")[4].method).toBe("PATCH");
  });

  test("a route declaring ANY leaves no missing method: skipped with the reason", () => {
    expect(probePlan({ ...SEED_DEFAULTS, routeMethods: ["ANY"] }, undefined, "n")[4].skipReason).toMatch(/ANY/);
  });
});

describe("statusCheck", () => {
  test("the expected status passes and the report shows status, error type and body", () => {
    const result = statusCheck({ probe: unauthorized, reply: reply(401, { ...POLICY, "x-amzn-errortype": "UnauthorizedException" }, '{"message":"x"}') });
    expect(result).toEqual({ name: unauthorized.name, outcome: "pass", saw: 'saw 401 UnauthorizedException {"message":"x"}' });
  });

  test("another status fails", () => {
    expect(statusCheck({ probe: unauthorized, reply: reply(200) }).outcome).toBe("fail");
  });

  test("a 200 where a wrong credential must get 403 fails", () => {
    expect(statusCheck({ probe: denied, reply: reply(200) }).outcome).toBe("fail");
  });

  test("the body of the response to the real credential is never shown", () => {
    expect(statusCheck({ probe: allowed, reply: reply(200, POLICY, "secret data") }).saw).toBe("saw 200");
  });

  test("a transport error fails with its reason", () => {
    expect(statusCheck({ probe: unauthorized, error: "connect ECONNREFUSED" })).toEqual(expect.objectContaining({ outcome: "fail", saw: "no response: connect ECONNREFUSED" }));
  });
});

describe("headerPolicyCheck", () => {
  const all = (headers: Record<string, string>): ProbeOutcome[] => [
    { probe: unauthorized, reply: reply(401, headers) },
    { probe: denied, reply: reply(403) },
  ];

  test("every header of the policy on every response passes", () => {
    expect(headerPolicyCheck(all(POLICY), POLICY).outcome).toBe("pass");
  });

  test("a missing header fails, naming the response and the header", () => {
    const { "x-frame-options": _dropped, ...rest } = POLICY;
    expect(headerPolicyCheck(all(rest), POLICY)).toEqual(expect.objectContaining({ outcome: "fail", saw: "the 401 has no x-frame-options" }));
  });

  test("a different value fails, showing both", () => {
    const result = headerPolicyCheck(all({ ...POLICY, "cache-control": "max-age=60" }), POLICY);
    expect(result.outcome).toBe("fail");
    expect(result.saw).toBe('the 401 has cache-control: "max-age=60", expected "no-store"');
  });

  test("an empty policy fails: there is nothing to verify against", () => {
    expect(headerPolicyCheck(all(POLICY), {}).outcome).toBe("fail");
  });
});

describe("hstsCheck", () => {
  test("a valid HSTS on every response passes and shows the value", () => {
    expect(hstsCheck([{ probe: unauthorized, reply: reply(401) }])).toEqual(expect.objectContaining({ outcome: "pass", saw: `"${POLICY["strict-transport-security"]}"` }));
  });

  test("a 401 without HSTS fails and says which response", () => {
    const { "strict-transport-security": _dropped, ...rest } = POLICY;
    const result = hstsCheck([{ probe: unauthorized, reply: reply(401, rest) }, { probe: denied, reply: reply(403) }]);
    expect(result).toEqual(expect.objectContaining({ outcome: "fail", saw: "the 401 has no Strict-Transport-Security" }));
  });

  test("preload with a short max-age fails", () => {
    const result = hstsCheck([{ probe: denied, reply: reply(403, { "strict-transport-security": "max-age=86400; includeSubDomains; preload" }) }]);
    expect(result.outcome).toBe("fail");
    expect(result.saw).toContain("the 403 (wrong credential): preload with max-age=86400");
  });
});
