import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { App } from "cdktf";
import { STACK_ID } from "../../src/app/build-app";
import { appContext } from "../../src/app/cdktf-context";
import { CONTEXT_KEY, loadAppConfig } from "../../src/app/app-config";
import { LocalGateway, startLocalGateway } from "../../src/local-gateway/server";
import { SecurityHeaderPolicy } from "../../src/security-headers/security-header-policy";
import { AuthorizedApiStack } from "../../src/app/authorized-api-stack";
import { HttpReply, send } from "./http-client";

const PROJECT_DIR = path.resolve(__dirname, "..", "..");

interface Served {
  readonly dir: string;
  readonly policy: SecurityHeaderPolicy;
  readonly stackJson: string;
  readonly gateway: LocalGateway;
}

/** Synthesizes the example app as `npm run synth` does (plus `env`), keeps its header policy, serves it. */
async function serve(env: Readonly<Record<string, string>>): Promise<Served> {
  const dir = mkdtempSync(path.join(tmpdir(), "static-headers-app-"));
  const context = appContext(PROJECT_DIR, env);
  const app = new App({ outdir: dir, context });
  const stack = new AuthorizedApiStack(app, STACK_ID, loadAppConfig(context[CONTEXT_KEY], env));
  app.synth();
  const stackJsonPath = path.join(dir, "stacks", STACK_ID, "cdk.tf.json");
  const gateway = await startLocalGateway({ stackJsonPath, log: () => undefined });
  return { dir, policy: stack.api.headerPolicy, stackJson: readFileSync(stackJsonPath, "utf8"), gateway };
}

async function stop(served: Served | undefined): Promise<void> {
  await served?.gateway.close();
  if (served !== undefined) {
    rmSync(served.dir, { recursive: true, force: true });
  }
}

/** Each expected header as the client must see it: name lower case (as Node reads it), value exact. */
function expectHeaders(reply: HttpReply, expected: Readonly<Record<string, string>>): void {
  const seen = Object.fromEntries(Object.keys(expected).map((name) => [name, reply.headers[name.toLowerCase()]]));
  expect(seen).toEqual(expected);
}

/** The response_parameters of every gateway response in the synthesized JSON. */
function gatewayResponseParameters(stackJson: string): Record<string, string>[] {
  const parsed = JSON.parse(stackJson) as { resource: { aws_api_gateway_gateway_response: Record<string, { response_parameters: Record<string, string> }> } };
  return Object.values(parsed.resource.aws_api_gateway_gateway_response).map((response) => response.response_parameters);
}

describe.each<[string, Record<string, string>]>([
  ["the example app as configured", {}],
  [
    "the example app with quotes in its CSP and an additional header, and CORS",
    {
      APIGW_CONTENT_SECURITY_POLICY: "default-src 'none'; frame-ancestors 'none'",
      APIGW_ADDITIONAL_HEADERS: JSON.stringify({ "X-Note": "it's 'quoted'" }),
      APIGW_CORS: JSON.stringify({ allowOrigin: "https://app.example.com" }),
    },
  ],
])("every header a client sees through the local gateway equals the policy's value: %s", (_name, env) => {
  let served: Served | undefined;
  const testUrl = (): string => `${served!.gateway.stageUrls[0]}/test`;

  beforeAll(async () => {
    served = await serve(env);
  });

  afterAll(async () => {
    await stop(served);
  });

  test("the synthesized gateway responses carry the CSP with its keyword quotes unescaped", () => {
    const csp = served!.policy.headers["Content-Security-Policy"];
    for (const parameters of gatewayResponseParameters(served!.stackJson)) {
      expect(parameters["gatewayresponse.header.Content-Security-Policy"]).toBe(`'${csp}'`);
    }
  });

  test("a 401 without a credential (UNAUTHORIZED)", async () => {
    const reply = await send(testUrl());
    expect(reply.status).toBe(401);
    expectHeaders(reply, served!.policy.headers);
  });

  test("a 403 for a wrong credential (ACCESS_DENIED)", async () => {
    const reply = await send(testUrl(), { headers: { "x-custom-auth": "wrong" } });
    expect(reply.status).toBe(403);
    expectHeaders(reply, served!.policy.headers);
  });

  test("a 403 for an unknown path (MISSING_AUTHENTICATION_TOKEN)", async () => {
    const reply = await send(`${served!.gateway.stageUrls[0]}/nowhere`);
    expect(reply.status).toBe(403);
    expectHeaders(reply, served!.policy.headers);
  });

  test("a 200 from the backend, whose headers come from SECURITY_HEADERS and have no quoting", async () => {
    const reply = await send(testUrl(), { headers: { "x-custom-auth": "allow" } });
    expect(reply.status).toBe(200);
    expectHeaders(reply, served!.policy.headers);
  });

  test("a CORS preflight, when CORS is configured: the header set and the preflight headers", async () => {
    const preflight = served!.policy.preflightHeaders;
    const reply = await send(testUrl(), { method: "OPTIONS", headers: { origin: "https://app.example.com", "access-control-request-method": "GET" } });
    if (preflight === undefined) {
      expect(reply.headers["access-control-allow-methods"]).toBeUndefined();
    } else {
      expect(reply.status).toBe(204);
      expectHeaders(reply, { ...served!.policy.headers, ...preflight });
    }
  });
});
