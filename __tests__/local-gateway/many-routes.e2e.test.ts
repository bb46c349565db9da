import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { LocalGateway, startLocalGateway } from "../../src/local-gateway/server";
import { send } from "./http-client";
import { relocated, withManyRoutes } from "./many-routes";

// What the route library (issue 10) synthesizes, served from the JSON alone: 100 routes with shared
// prefixes, {param}, {proxy+}, several methods and ANY; several authorizers (REQUEST with several identity
// sources, TOKEN, TTL 0); MOCK; routes with authorization NONE.

// A bound for a hung test only: a hundred requests take seconds on a loaded machine; nothing here races time.
jest.setTimeout(60_000);

const FIXTURE_DIR = path.join(__dirname, "fixtures", "edge-stack");
type Json = Record<string, unknown>;

let gateway: LocalGateway;
let lines: string[];
let scratch: string;
let stack: Json;

beforeAll(async () => {
  scratch = mkdtempSync(path.join(tmpdir(), "local-gateway-routes-"));
  const original = JSON.parse(readFileSync(path.join(FIXTURE_DIR, "cdk.tf.json"), "utf8")) as Json;
  stack = withManyRoutes(relocated(original, FIXTURE_DIR), 100);
  const file = path.join(scratch, "cdk.tf.json");
  writeFileSync(file, JSON.stringify(stack));
  lines = [];
  gateway = await startLocalGateway({ stackJsonPath: file, log: (line) => lines.push(line) });
});

afterAll(async () => {
  await gateway.close();
  rmSync(scratch, { recursive: true, force: true });
});

/** Every method of the stack as [HTTP method, path under the stage]. */
function routesOf(json: Json): [string, string][] {
  const resource = json.resource as Record<string, Record<string, Json>>;
  const paths = new Map<string, string>();
  const pathOf = (reference: string): string => {
    const name = /aws_api_gateway_resource\.([^.]+)\.id/.exec(reference)?.[1];
    if (name === undefined) {
      return "";
    }
    if (!paths.has(name)) {
      const node = resource.aws_api_gateway_resource[name];
      paths.set(name, `${pathOf(String(node.parent_id))}/${String(node.path_part)}`);
    }
    return paths.get(name) ?? "";
  };
  return Object.values(resource.aws_api_gateway_method).map((method) => [String(method.http_method), pathOf(String(method.resource_id)) || "/"]);
}

/** A concrete request path for a resource path: `{id}` → `7`, `{proxy+}` → `a/b/c`. */
const concrete = (resourcePath: string): string => resourcePath.replace(/\{[^}]+\+\}/g, "a/b/c").replace(/\{[^}]+\}/g, "7");

describe("a 100-route API with several authorizers, from the synthesized JSON", () => {
  test("has 100 methods, and every added route answers 200 from its backend with its own resource path", async () => {
    const routes = routesOf(stack);
    expect(routes).toHaveLength(100);
    const added = routes.filter(([, resourcePath]) => resourcePath.startsWith("/api"));
    expect(added.length).toBeGreaterThan(80);
    for (const [method, resourcePath] of added) {
      const reply = await send(`${gateway.url}/v1${concrete(resourcePath)}`, { method: method === "ANY" ? "PATCH" : method, headers: { "X-Token": "allow" } });
      const event = reply.status === 200 ? (JSON.parse(reply.body) as { event: { resource: string } }).event : undefined;
      expect([method, resourcePath, reply.status, event?.resource]).toEqual([method, resourcePath, 200, resourcePath]);
    }
  });

  test("shared prefixes, {param} and {proxy+} route to the right resource with the right path parameters", async () => {
    const proxied = await send(`${gateway.url}/v1/api3/9/x/y`, { method: "DELETE", headers: { "X-Token": "allow" } });
    expect(proxied.status).toBe(200);
    const event = (JSON.parse(proxied.body) as { event: { resource: string; pathParameters: Record<string, string> } }).event;
    expect(event.resource).toBe("/api3/{id}/{proxy+}");
    expect(event.pathParameters).toEqual({ id: "9", proxy: "x/y" });
    const item = await send(`${gateway.url}/v1/api1/42`, { method: "PUT", headers: { "X-Token": "allow" } });
    expect((JSON.parse(item.body) as { event: { resource: string } }).event.resource).toBe("/api1/{id}");
    const wrongMethod = await send(`${gateway.url}/v1/api1/42`, { method: "GET", headers: { "X-Token": "allow" } });
    expect(wrongMethod.status).toBe(404); // the fixture customises MISSING_AUTHENTICATION_TOKEN's status
    expect(wrongMethod.headers["x-amzn-errortype"]).toBe("MissingAuthenticationTokenException");
  });

  test("a REQUEST authorizer with header, query string, stage variable and context sources: all must be present, and all key the cache", async () => {
    const missingQuery = await send(`${gateway.url}/v1/multi`, { headers: { "X-Token": "allow" } });
    expect(missingQuery.status).toBe(401);
    const mark = lines.length;
    expect((await send(`${gateway.url}/v1/multi?tenant=t1`, { headers: { "X-Token": "allow" } })).status).toBe(200);
    expect((await send(`${gateway.url}/v1/multi?tenant=t1`, { headers: { "X-Token": "allow" } })).status).toBe(200);
    expect((await send(`${gateway.url}/v1/multi?tenant=t2`, { headers: { "X-Token": "allow" } })).status).toBe(200);
    const decided = lines.slice(mark).filter((line) => line.startsWith("GET /v1/multi")).map((line) => /authorizer=([\w-]+)/.exec(line)?.[1]);
    expect(decided).toEqual(["lambda", "cache", "lambda"]);
  });
});
