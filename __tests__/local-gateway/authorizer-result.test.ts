import { parseAuthorizerOutput } from "../../src/local-gateway/authorizer/authorizer-result";

const valid = {
  principalId: "user-1",
  policyDocument: { Version: "2012-10-17", Statement: [{ Action: "execute-api:Invoke", Effect: "Allow", Resource: "*" }] },
  context: { name: "alice", count: 2, admin: false },
};

describe("parseAuthorizerOutput", () => {
  test("a well-formed output gives the principal, the statements and the context", () => {
    const parsed = parseAuthorizerOutput(valid);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) {
      expect(parsed.grant.principalId).toBe("user-1");
      expect(parsed.grant.statements).toEqual([{ effect: "Allow", actions: ["execute-api:Invoke"], notAction: false, resources: ["*"], notResource: false }]);
      expect(parsed.grant.context).toEqual({ name: "alice", count: 2, admin: false });
      expect(parsed.grant.usageIdentifierKey).toBeUndefined();
    }
  });

  test("a single Statement object, a lower-case effect and a policy document given as JSON text are accepted", () => {
    const parsed = parseAuthorizerOutput({
      principalId: "p",
      policyDocument: JSON.stringify({ Statement: { Action: ["execute-api:Invoke"], Effect: "allow", Resource: ["a", "b"] } }),
    });
    expect(parsed.ok).toBe(true);
    if (parsed.ok) {
      expect(parsed.grant.statements[0].effect).toBe("Allow");
      expect(parsed.grant.statements[0].resources).toEqual(["a", "b"]);
      expect(parsed.grant.context).toEqual({});
    }
  });

  it.each([
    ["null", null, "the output is not an object"],
    ["no principalId", { policyDocument: valid.policyDocument }, "the output has no principalId"],
    ["no policyDocument", { principalId: "p" }, "the output has no policyDocument object"],
    ["no Statement", { principalId: "p", policyDocument: {} }, "the policyDocument has no Statement"],
    ["an unknown Effect", { principalId: "p", policyDocument: { Statement: [{ Action: "x", Effect: "Maybe", Resource: "*" }] } }, 'Statement[0] has the Effect "Maybe"; expected Allow or Deny'],
    ["no Resource", { principalId: "p", policyDocument: { Statement: [{ Action: "x", Effect: "Allow" }] } }, "Statement[0] has no Resource (a string or a list of strings)"],
    ["an object in the context", { ...valid, context: { nested: {} } }, "context.nested is object; only strings, numbers and booleans are allowed"],
    ["an array in the context", { ...valid, context: { list: [1] } }, "context.list is an array; only strings, numbers and booleans are allowed"],
  ])("%s is malformed", (_name, output, reason) => {
    expect(parseAuthorizerOutput(output)).toEqual({ ok: false, reason });
  });
});
