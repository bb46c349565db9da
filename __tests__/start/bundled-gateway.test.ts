import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { loadBundledGateway } from "../../scripts/start/bundled-gateway";
import { send } from "../local-gateway/http-client";

const STACK = path.join(__dirname, "..", "local-gateway", "fixtures", "edge-stack", "cdk.tf.json");
const CACHE = path.resolve(__dirname, "..", "..", "node_modules", ".cache", "local-gateway");
const mine = (): string[] => (readdirSync(CACHE, { withFileTypes: true }).filter((entry) => entry.name.startsWith(`gateway-${process.pid}-`)).map((entry) => entry.name));

describe("the local gateway as npm start loads it, from a bundle of its own", () => {
  const gateway = loadBundledGateway();

  test("leaves no bundle file behind once loaded", () => {
    expect(mine()).toEqual([]);
  });

  test("serves a stack: 401 with HSTS without a credential, and the backend's answer to the event it was given with one", async () => {
    const served = await gateway.startLocalGateway({ stackJsonPath: STACK, port: 0, log: () => undefined, requestLog: false });
    try {
      const refused = await send(`${served.url}/v1/items`);
      expect(refused.status).toBe(401);
      expect(refused.headers["strict-transport-security"]).toBe("max-age=31536000; includeSubDomains; preload");
      const allowed = await send(`${served.url}/v1/items?color=red`, { headers: { "X-Token": "allow" } });
      expect(allowed.status).toBe(200);
      const { event } = JSON.parse(allowed.body) as { event: { headers: Record<string, string>; queryStringParameters: Record<string, string>; requestContext: { authorizer: { principalId: string } } } };
      expect(event.headers["X-Token"]).toBe("allow");
      expect(event.queryStringParameters).toEqual({ color: "red" });
      expect(event.requestContext.authorizer.principalId).toBe("fixture-user");
    } finally {
      await served.close();
    }
  });

  test("gives the floor benchmark the gateway's own function pool: a stack's function invoked from the bundle answers the event text it was handed", async () => {
    const model = gateway.loadStack(STACK);
    const authorizerFunctions = new Set([...model.authorizers.values()].map((authorizer) => authorizer.functionAddress));
    const backend = [...model.functions.values()].find((fn) => !authorizerFunctions.has(fn.address));
    expect(backend).toBeDefined();
    const runner = new gateway.LambdaRunner([backend!], { region: model.region });
    try {
      const outcome = await runner.invoke(backend!.address, new gateway.EventJson(JSON.stringify({ path: "/floor", headers: { "X-Token": "allow" } })), "floor-request");
      expect(outcome.kind).toBe("result");
      const payload = outcome.kind === "result" ? (outcome.payload as { body: string }) : { body: "{}" };
      expect(JSON.parse(payload.body)).toMatchObject({ event: { path: "/floor", headers: { "X-Token": "allow" } } });
    } finally {
      await runner.close();
    }
  });

  test("rejects a stack it cannot serve with its own StackError, which npm start reports without a stack trace", async () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), "bundled-gateway-"));
    try {
      const file = path.join(folder, "cdk.tf.json");
      writeFileSync(file, JSON.stringify({ resource: {} }));
      const start = gateway.startLocalGateway({ stackJsonPath: file, port: 0, log: () => undefined });
      await expect(start).rejects.toBeInstanceOf(gateway.StackError);
      await expect(start).rejects.toThrow("the stack declares no aws_api_gateway_rest_api");
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
