import { arnMatches, evaluatePolicy, PolicyStatement, wildcardMatch } from "../../src/local-gateway/authorizer/iam-policy";

const ARN = "arn:aws:execute-api:ap-northeast-1:123456789012:abcdef1234/prod/GET/test";

const statement = (effect: "Allow" | "Deny", resources: string[], extra: Partial<PolicyStatement> = {}): PolicyStatement => ({
  effect,
  actions: ["execute-api:Invoke"],
  notAction: false,
  resources,
  notResource: false,
  ...extra,
});

describe("wildcardMatch", () => {
  it.each([
    ["*", "anything/at/all", true],
    ["prod/*/*", "prod/GET/test", true],
    ["prod/*/*", "prod/GET/items/1", true],
    ["prod/GET/test", "prod/GET/test", true],
    ["prod/GET/test", "prod/GET/tests", false],
    ["prod/?ET/test", "prod/GET/test", true],
    ["prod/?ET/test", "prod/POST/test", false],
    ["", "", true],
    ["a*b*c", "aXXbYYc", true],
    ["a*b*c", "aXXbYY", false],
  ])("%j against %j is %s", (pattern, text, expected) => {
    expect(wildcardMatch(pattern, text)).toBe(expected);
  });
});

describe("arnMatches", () => {
  test("a wildcard in the resource part spans slashes", () => {
    expect(arnMatches("arn:aws:execute-api:ap-northeast-1:123456789012:abcdef1234/prod/*/*", ARN)).toBe(true);
  });

  test("a wildcard in the region does not span the colons that follow it", () => {
    expect(arnMatches("arn:aws:execute-api:*:abcdef1234/prod/GET/test", ARN)).toBe(false);
    expect(arnMatches("arn:aws:execute-api:*:*:abcdef1234/prod/GET/test", ARN)).toBe(true);
  });

  test("another stage or API does not match", () => {
    expect(arnMatches("arn:aws:execute-api:ap-northeast-1:123456789012:abcdef1234/dev/*/*", ARN)).toBe(false);
    expect(arnMatches("arn:aws:execute-api:ap-northeast-1:123456789012:other/prod/*/*", ARN)).toBe(false);
  });

  test("'*' alone matches any ARN; a pattern that is not an ARN matches none", () => {
    expect(arnMatches("*", ARN)).toBe(true);
    expect(arnMatches("prod/*", ARN)).toBe(false);
  });
});

describe("evaluatePolicy", () => {
  test("an Allow covering the ARN allows", () => {
    expect(evaluatePolicy([statement("Allow", [ARN])], ARN)).toBe("allow");
  });

  test("an explicit Deny wins over an Allow", () => {
    expect(evaluatePolicy([statement("Allow", ["*"]), statement("Deny", [ARN])], ARN)).toBe("explicit-deny");
  });

  test("no statement covering the ARN is an implicit deny", () => {
    expect(evaluatePolicy([statement("Allow", [ARN.replace("GET", "POST")])], ARN)).toBe("implicit-deny");
    expect(evaluatePolicy([], ARN)).toBe("implicit-deny");
  });

  test("actions match case-insensitively and with wildcards; another action does not count", () => {
    expect(evaluatePolicy([statement("Allow", [ARN], { actions: ["EXECUTE-API:invoke"] })], ARN)).toBe("allow");
    expect(evaluatePolicy([statement("Allow", [ARN], { actions: ["execute-api:*"] })], ARN)).toBe("allow");
    expect(evaluatePolicy([statement("Allow", [ARN], { actions: ["s3:GetObject"] })], ARN)).toBe("implicit-deny");
  });

  test("NotResource and NotAction invert their match", () => {
    expect(evaluatePolicy([statement("Allow", [ARN.replace("prod", "dev")], { notResource: true })], ARN)).toBe("allow");
    expect(evaluatePolicy([statement("Deny", [ARN], { notResource: true }), statement("Allow", [ARN])], ARN)).toBe("allow");
    expect(evaluatePolicy([statement("Allow", [ARN], { actions: ["execute-api:Invoke"], notAction: true })], ARN)).toBe("implicit-deny");
  });
});
