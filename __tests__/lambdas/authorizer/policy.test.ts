import { apiWideResource, policyResult } from "../../../lambdas/authorizer/policy";

const API = "arn:aws:execute-api:ap-northeast-1:123456789012:abcdef1234";

describe("apiWideResource", () => {
  test.each([
    [`${API}/prod/GET/test`, `${API}/prod/*/*`],
    [`${API}/prod/GET/`, `${API}/prod/*/*`],
    [`${API}/prod/POST/a/b/c`, `${API}/prod/*/*`],
    [`${API}/v2-stage/DELETE/items/42`, `${API}/v2-stage/*/*`],
    ["arn:aws-cn:execute-api:cn-north-1:123456789012:api1/prod/GET/x", "arn:aws-cn:execute-api:cn-north-1:123456789012:api1/prod/*/*"],
    ["arn:aws-us-gov:execute-api:us-gov-west-1:123456789012:Api9/dev/ANY/x", "arn:aws-us-gov:execute-api:us-gov-west-1:123456789012:Api9/dev/*/*"],
  ])("widens the method ARN %s to every method and path of its stage: %s", (methodArn, resource) => {
    expect(apiWideResource(methodArn)).toBe(resource);
  });

  test.each([
    ["a prefix before the ARN", `x${API}/prod/GET/test`],
    ["a prefix that is itself an ARN", `arn:aws:s3:::bucket/${API}/prod/GET/test`],
    ["another service", "arn:aws:lambda:ap-northeast-1:123456789012:abcdef1234/prod/GET/test"],
    ["no method", `${API}/prod`],
    ["no path after the method", `${API}/prod/GET`],
    ["an empty stage", `${API}//GET/test`],
    ["an empty method", `${API}/prod//test`],
    ["an 11-digit account", "arn:aws:execute-api:ap-northeast-1:12345678901:abcdef1234/prod/GET/test"],
    ["a 13-digit account", "arn:aws:execute-api:ap-northeast-1:1234567890123:abcdef1234/prod/GET/test"],
    ["a non-numeric account", "arn:aws:execute-api:ap-northeast-1:12345678901x:abcdef1234/prod/GET/test"],
    ["an empty partition", "arn::execute-api:ap-northeast-1:123456789012:abcdef1234/prod/GET/test"],
    ["an empty region", "arn:aws:execute-api::123456789012:abcdef1234/prod/GET/test"],
    ["an empty API id", "arn:aws:execute-api:ap-northeast-1:123456789012:/prod/GET/test"],
    ["a wildcard API id", "arn:aws:execute-api:ap-northeast-1:123456789012:*/prod/GET/test"],
    ["an upper-case partition", "arn:AWS:execute-api:ap-northeast-1:123456789012:abcdef1234/prod/GET/test"],
    ["a wildcard region", "arn:aws:execute-api:*:123456789012:abcdef1234/prod/GET/test"],
  ])("refuses %s, so the decision is a Deny: %s", (_, methodArn) => {
    expect(apiWideResource(methodArn)).toBeUndefined();
  });

  test.each([undefined, null, 42, {}, ["arn"]])("refuses a method ARN that is not a string: %p", (methodArn) => {
    expect(apiWideResource(methodArn)).toBeUndefined();
  });

  test("refuses a non-string that converts to a valid method ARN", () => {
    expect(apiWideResource({ toString: () => `${API}/prod/GET/test` })).toBeUndefined();
    expect(apiWideResource([`${API}/prod/GET/test`])).toBeUndefined();
  });

  test("refuses a method ARN with a line break in its path: the whole string must be one ARN", () => {
    expect(apiWideResource(`${API}/prod/GET/test\nextra`)).toBeUndefined();
  });
});

describe("policyResult", () => {
  test("is an IAM policy of the 2012-10-17 language version with one statement for execute-api:Invoke", () => {
    expect(policyResult("Allow", `${API}/prod/*/*`, "credential-holder")).toEqual({
      principalId: "credential-holder",
      policyDocument: {
        Version: "2012-10-17",
        Statement: [{ Action: "execute-api:Invoke", Effect: "Allow", Resource: `${API}/prod/*/*` }],
      },
    });
  });

  test("carries the effect, resource and principal it is given", () => {
    expect(policyResult("Deny", "*", "anonymous")).toEqual({
      principalId: "anonymous",
      policyDocument: { Version: "2012-10-17", Statement: [{ Action: "execute-api:Invoke", Effect: "Deny", Resource: "*" }] },
    });
  });
});
