import { KeyObject } from "node:crypto";
import { rmSync } from "node:fs";
import * as path from "node:path";
import { LocalGateway, startLocalGateway } from "../../src/local-gateway/server";
import { HttpReply, send } from "../local-gateway/http-client";
import { ISSUER, PARTNER_KEY, signJwt, synthOrdersApi, testCredentials } from "./support/orders-api";

const HSTS = "max-age=63072000; includeSubDomains; preload";

// API Gateway's behaviour these tests expect of the local gateway:
// - a missing identity source, with results cached, is 401 without invoking the authorizer:
//   https://docs.aws.amazon.com/apigateway/latest/developerguide/configure-api-gateway-lambda-authorization.html
// - a TOKEN authorizer's token that fails identityValidationExpression is 401 without invoking it:
//   https://docs.aws.amazon.com/apigateway/latest/api/API_Authorizer.html
// - an authorizer failing with "Unauthorized" is 401, a Deny policy 403:
//   https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-lambda-authorizer-output.html
// - a path or method the API does not have is 403 "Missing Authentication Token":
//   https://repost.aws/knowledge-center/api-gateway-authentication-token-errors

let gateway: LocalGateway;
let stackDir: string;
let privateKey: KeyObject;
let lines: string[];

beforeAll(async () => {
  const credentials = testCredentials();
  privateKey = credentials.privateKey;
  stackDir = synthOrdersApi(credentials.settings);
  lines = [];
  gateway = await startLocalGateway({ stackJsonPath: path.join(stackDir, "cdk.tf.json"), log: (line) => lines.push(line) });
});

afterAll(async () => {
  await gateway?.close();
  rmSync(path.resolve(stackDir, "..", ".."), { recursive: true, force: true });
});

const call = (method: string, pathAndQuery: string, headers: Record<string, string> = {}): Promise<HttpReply> =>
  send(`${gateway.stageUrls[0]}${pathAndQuery}`, { method, headers });
const inAnHour = (): number => Math.floor(Date.now() / 1000) + 3600;
const bearer = (claims: Record<string, unknown>): Record<string, string> => ({ Authorization: `Bearer ${signJwt(privateKey, claims)}` });
const writer = (sub: string) => bearer({ sub, iss: ISSUER, exp: inAnHour(), scope: "orders:read orders:write" });

/** Every reply must carry the API's HSTS policy, whoever produced it. */
const expectHsts = (reply: HttpReply): void => expect(reply.headers["strict-transport-security"]).toBe(HSTS);

describe("the orders API example served by the local gateway over HTTP", () => {
  test("it serves the prod stage on 127.0.0.1", () => {
    expect(gateway.stageUrls).toEqual([`${gateway.url}/prod`]);
  });

  test("GET /health answers 200 without any credential, from the MOCK, with HSTS", async () => {
    const reply = await call("GET", "/health");
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toEqual({ status: "ok" });
    expectHsts(reply);
  });

  describe("the partners' REQUEST authorizer (x-partner-key and ?tenant=)", () => {
    test("no partner key: 401 from the gateway itself, with HSTS", async () => {
      const reply = await call("GET", "/orders?tenant=acme");
      expect(reply.status).toBe(401);
      expect(reply.headers["x-amzn-errortype"]).toBe("UnauthorizedException");
      expectHsts(reply);
    });

    test("a key but no tenant: 401, since every identity source is required while results are cached", async () => {
      const reply = await call("GET", "/orders", { "x-partner-key": PARTNER_KEY });
      expect(reply.status).toBe(401);
      expectHsts(reply);
    });

    test("a wrong key: 403 from the authorizer's Deny, with HSTS", async () => {
      const reply = await call("GET", "/orders?tenant=acme", { "x-partner-key": "not-the-key" });
      expect(reply.status).toBe(403);
      expect(reply.headers["x-amzn-errortype"]).toBe("AccessDeniedException");
      expectHsts(reply);
    });

    test("an unknown tenant with a known key: 403", async () => {
      const reply = await call("GET", "/orders?tenant=globex", { "x-partner-key": PARTNER_KEY });
      expect(reply.status).toBe(403);
      expectHsts(reply);
    });

    test.each([
      ["/orders", "GET /orders", undefined],
      ["/orders/42", "GET /orders/{id}", "42"],
      ["/orders/42/items", "GET /orders/{id}/items", "42"],
    ])("the right key and tenant: 200 on %s, served by the backend for the tenant, with HSTS", async (urlPath, route, id) => {
      const reply = await call("GET", `${urlPath}?tenant=acme`, { "x-partner-key": PARTNER_KEY });
      expect(reply.status).toBe(200);
      const body = JSON.parse(reply.body) as { route: string; caller: string; id?: string };
      expect(body.route).toBe(route);
      expect(body.caller).toBe("tenant:acme");
      expect(body.id).toBe(id);
      expectHsts(reply);
    });
  });

  describe("the users' TOKEN authorizer (Authorization: Bearer <EdDSA JWT>)", () => {
    test("no token: 401 from the gateway itself, with HSTS", async () => {
      const reply = await call("POST", "/orders");
      expect(reply.status).toBe(401);
      expectHsts(reply);
    });

    test("a token that fails the validation expression: 401 without invoking the function", async () => {
      const mark = lines.length;
      const reply = await call("POST", "/orders", { Authorization: "Basic dXNlcjpwYXNz" });
      expect(reply.status).toBe(401);
      expectHsts(reply);
      expect(lines.slice(mark).filter((line) => line.startsWith("POST /"))).toEqual([expect.stringContaining("authorizer=identity-source")]);
    });

    test("a token signed by another key: 401 from the function", async () => {
      const forged = signJwt(testCredentials().privateKey, { sub: "mallory", iss: ISSUER, exp: inAnHour(), scope: "orders:write" });
      const reply = await call("POST", "/orders", { Authorization: `Bearer ${forged}` });
      expect(reply.status).toBe(401);
      expectHsts(reply);
    });

    test("an expired token: 401", async () => {
      const reply = await call("POST", "/orders", bearer({ sub: "alice", iss: ISSUER, exp: Math.floor(Date.now() / 1000) - 1, scope: "orders:write" }));
      expect(reply.status).toBe(401);
      expectHsts(reply);
    });

    test("a valid token without the orders:write scope: 403 from the authorizer's Deny", async () => {
      const reply = await call("POST", "/orders", bearer({ sub: "bob", iss: ISSUER, exp: inAnHour(), scope: "orders:read" }));
      expect(reply.status).toBe(403);
      expect(reply.headers["x-amzn-errortype"]).toBe("AccessDeniedException");
      expectHsts(reply);
    });

    test.each([
      ["POST", "/orders", 201, "POST /orders"],
      ["DELETE", "/orders/7", 200, "DELETE /orders/{id}"],
      ["PUT", "/orders/7/items", 200, "PUT /orders/{id}/items"],
    ])("a valid token with orders:write: %s %s answers %i from the backend for the user, with HSTS", async (method, urlPath, status, route) => {
      const reply = await call(method, urlPath, writer("carol"));
      expect(reply.status).toBe(status);
      const body = JSON.parse(reply.body) as { route: string; caller: string };
      expect(body.route).toBe(route);
      expect(body.caller).toBe("user:carol");
      expectHsts(reply);
    });
  });

  test("a partner key does not open a users' route: the TOKEN authorizer never sees it and answers 401", async () => {
    const reply = await call("POST", "/orders?tenant=acme", { "x-partner-key": PARTNER_KEY });
    expect(reply.status).toBe(401);
    expectHsts(reply);
  });

  test("a method the path does not have is 403 MISSING_AUTHENTICATION_TOKEN, with HSTS", async () => {
    const reply = await call("DELETE", "/orders/7/items");
    expect(reply.status).toBe(403);
    expect(reply.headers["x-amzn-errortype"]).toBe("MissingAuthenticationTokenException");
    expectHsts(reply);
  });

  test("with a bearer token, a method the path does not have is AWS's IncompleteSignatureException, still the 403 response with HSTS", async () => {
    // On a route that does not exist AWS reads an Authorization header as a SigV4 signature
    // (docs/local-gateway.md, "How it works", routing).
    const reply = await call("DELETE", "/orders/7/items", writer("carol"));
    expect(reply.status).toBe(403);
    expect(reply.headers["x-amzn-errortype"]).toBe("IncompleteSignatureException");
    expectHsts(reply);
  });

  test("an unknown path is 403 MISSING_AUTHENTICATION_TOKEN, with HSTS", async () => {
    const reply = await call("GET", "/invoices");
    expect(reply.status).toBe(403);
    expect(reply.headers["x-amzn-errortype"]).toBe("MissingAuthenticationTokenException");
    expectHsts(reply);
  });
});
