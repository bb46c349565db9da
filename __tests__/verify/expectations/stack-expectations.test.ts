import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { SEED_DEFAULTS } from "../../../scripts/verify/expectations/expectations";
import { expectationsFromStack, StackFileError } from "../../../scripts/verify/expectations/stack-expectations";
import { synthRealApp } from "../../local-gateway/synth-app";

const outdirs: string[] = [];
const synth = (env: Record<string, string> = {}): string => {
  const file = synthRealApp(env);
  outdirs.push(path.resolve(path.dirname(file), "..", ".."));
  return file;
};

afterAll(() => {
  for (const dir of outdirs) {
    rmSync(dir, { recursive: true, force: true });
  }
});

describe("expectationsFromStack", () => {
  test("the example app yields exactly the seed defaults, so the defaults cannot drift from the seed", () => {
    const file = synth();
    expect({ ...expectationsFromStack(file), source: SEED_DEFAULTS.source }).toEqual(SEED_DEFAULTS);
  });

  test("a configured route, method, identity header and HSTS are read from the stack", () => {
    const file = synth({
      APIGW_RESOURCE_PATH: "/orders/{orderId}",
      APIGW_HTTP_METHOD: "POST",
      APIGW_IDENTITY_HEADER: "X-Api-Key",
      APIGW_HSTS_PRELOAD: "false",
      APIGW_HSTS_MAX_AGE_SECONDS: "600",
    });
    const expectations = expectationsFromStack(file);
    expect(expectations.resourcePath).toBe("/orders/verify");
    expect(expectations.httpMethod).toBe("POST");
    expect(expectations.routeMethods).toEqual(["POST"]);
    expect(expectations.identityHeader).toBe("x-api-key");
    expect(expectations.headers["strict-transport-security"]).toBe("max-age=600; includeSubDomains");
  });

  test("a header switched off is not expected", () => {
    const expectations = expectationsFromStack(synth({ APIGW_FRAME_OPTIONS: "false" }));
    expect(expectations.headers).not.toHaveProperty("x-frame-options");
    expect(expectations.headers).toHaveProperty("strict-transport-security");
  });

  test("with CORS, the preflight's OPTIONS is one of the route's methods", () => {
    const expectations = expectationsFromStack(synth({ APIGW_CORS: JSON.stringify({ allowOrigin: "https://app.example.com" }) }));
    expect(expectations.routeMethods).toEqual(expect.arrayContaining(["GET", "OPTIONS"]));
    expect(expectations.headers["access-control-allow-origin"]).toBe("https://app.example.com");
  });

  test("a file that is not JSON is refused, naming --stack and the file", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "verify-stack-"));
    outdirs.push(dir);
    const file = path.join(dir, "cdk.tf.json");
    writeFileSync(file, "{ not json");
    expect(() => expectationsFromStack(file)).toThrow(StackFileError);
    expect(() => expectationsFromStack(file)).toThrow(`--stack ${file}: cannot read it as JSON`);
  });

  test("a stack without a route behind a custom authorizer is refused", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "verify-stack-"));
    outdirs.push(dir);
    const file = path.join(dir, "cdk.tf.json");
    writeFileSync(file, JSON.stringify({ resource: { aws_api_gateway_method: { open: { http_method: "GET", authorization: "NONE" } } } }));
    expect(() => expectationsFromStack(file)).toThrow("no aws_api_gateway_method with authorization CUSTOM");
  });
});
