import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { SEED_DEFAULTS } from "../../../scripts/verify/expectations/expectations";
import { resolveExpectations } from "../../../scripts/verify/expectations/resolve-expectations";
import { StackFileError } from "../../../scripts/verify/expectations/stack-expectations";

const STACK = {
  resource: {
    aws_api_gateway_resource: { orders: { parent_id: "${aws_api_gateway_rest_api.api.root_resource_id}", path_part: "orders" } },
    aws_api_gateway_method: {
      orders_post: { authorization: "CUSTOM", http_method: "POST", resource_id: "${aws_api_gateway_resource.orders.id}", authorizer_id: "${aws_api_gateway_authorizer.auth.id}" },
    },
    aws_api_gateway_authorizer: { auth: { identity_source: "method.request.header.X-Key" } },
    aws_api_gateway_gateway_response: { unauthorized: { response_parameters: { "gatewayresponse.header.Strict-Transport-Security": "'max-age=600'" } } },
  },
};

let cwd: string;

beforeEach(() => {
  cwd = mkdtempSync(path.join(tmpdir(), "verify-resolve-"));
});

afterEach(() => {
  rmSync(cwd, { recursive: true, force: true });
});

const writeStack = (name: string): string => {
  const dir = path.join(cwd, "cdktf.out", "stacks", name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "cdk.tf.json"), JSON.stringify(STACK));
  return path.join("cdktf.out", "stacks", name, "cdk.tf.json");
};

describe("resolveExpectations", () => {
  test("no stack in the working directory: the seed's defaults", () => {
    expect(resolveExpectations({}, cwd)).toEqual(SEED_DEFAULTS);
  });

  test("the one synthesized stack in the working directory is read", () => {
    const file = writeStack("orders-api");
    const expectations = resolveExpectations({}, cwd);
    expect(expectations.source).toBe(file);
    expect(expectations.resourcePath).toBe("/orders");
    expect(expectations.httpMethod).toBe("POST");
    expect(expectations.identityHeader).toBe("x-key");
    expect(expectations.headers).toEqual({ "strict-transport-security": "max-age=600" });
  });

  test("several synthesized stacks: refused, asking for --stack", () => {
    writeStack("a");
    writeStack("b");
    expect(() => resolveExpectations({}, cwd)).toThrow(StackFileError);
    expect(() => resolveExpectations({}, cwd)).toThrow(/^--stack is needed: cdktf\.out\/stacks holds 2 stacks/);
  });

  test("--stack picks one of several", () => {
    writeStack("a");
    const file = writeStack("b");
    expect(resolveExpectations({ stackFile: file }, cwd).resourcePath).toBe("/orders");
  });

  test("flags win over the stack; a route of its own knows only its own method", () => {
    writeStack("orders-api");
    const expectations = resolveExpectations({ resourcePath: "/other", httpMethod: "GET", identityHeader: "authorization" }, cwd);
    expect(expectations).toEqual(expect.objectContaining({ resourcePath: "/other", httpMethod: "GET", routeMethods: ["GET"], identityHeader: "authorization" }));
    expect(expectations.headers).toEqual({ "strict-transport-security": "max-age=600" });
  });
});
