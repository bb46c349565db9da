import { rmSync } from "node:fs";
import * as path from "node:path";
import { selfSignedCertificate } from "../../src/local-gateway/self-signed";
import { LocalGateway, startLocalGateway } from "../../src/local-gateway/server";
import { send } from "./http-client";
import { synthRealApp } from "./synth-app";

const HSTS = "max-age=31536000; includeSubDomains; preload";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

let stackJsonPath: string;
let gateway: LocalGateway;
let lines: string[];

beforeAll(async () => {
  stackJsonPath = synthRealApp();
  lines = [];
  gateway = await startLocalGateway({ stackJsonPath, log: (line) => lines.push(line) });
});

afterAll(async () => {
  await gateway.close();
  rmSync(path.resolve(path.dirname(stackJsonPath), "..", ".."), { recursive: true, force: true });
});

const testUrl = (): string => `${gateway.stageUrls[0]}/test`;

describe("local gateway on the synthesized app", () => {
  test("it serves the stack's one stage on 127.0.0.1", () => {
    expect(gateway.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(gateway.stageUrls).toEqual([`${gateway.url}/prod`]);
  });

  test("no identity header: 401 with the Japanese message, HSTS and UnauthorizedException", async () => {
    const reply = await send(testUrl());
    expect(reply.status).toBe(401);
    expect(reply.headers["content-type"]).toBe("application/json");
    expect(reply.headers["strict-transport-security"]).toBe(HSTS);
    expect(reply.headers["x-amzn-errortype"]).toBe("UnauthorizedException");
    expect(reply.headers["x-amzn-requestid"]).toMatch(UUID);
    expect(reply.body).toBe('{"message":"認証エラー: UNAUTHORIZED"}');
  });

  test("a wrong credential: 403 with the Japanese message, HSTS and AccessDeniedException", async () => {
    const reply = await send(testUrl(), { headers: { "x-custom-auth": "wrong" } });
    expect(reply.status).toBe(403);
    expect(reply.headers["content-type"]).toBe("application/json");
    expect(reply.headers["strict-transport-security"]).toBe(HSTS);
    expect(reply.headers["x-amzn-errortype"]).toBe("AccessDeniedException");
    expect(reply.headers["x-amzn-requestid"]).toMatch(UUID);
    expect(reply.body).toBe('{"message":"認可エラー: ACCESS_DENIED"}');
  });

  test("the right credential: 200 Hello, World! with HSTS from the backend and no error type", async () => {
    const reply = await send(testUrl(), { headers: { "x-custom-auth": "allow" } });
    expect(reply.status).toBe(200);
    expect(reply.headers["content-type"]).toBe("text/plain; charset=utf-8");
    expect(reply.headers["strict-transport-security"]).toBe(HSTS);
    expect(reply.headers["x-amzn-errortype"]).toBeUndefined();
    expect(reply.headers["x-amzn-requestid"]).toMatch(UUID);
    expect(reply.body).toBe("Hello, World!");
  });

  test("the identity header's name is matched whatever its case", async () => {
    const reply = await send(testUrl(), { headers: { "X-CUSTOM-AUTH": "allow" } });
    expect(reply.status).toBe(200);
  });

  test("a repeated credential is answered from the authorizer cache", async () => {
    await send(testUrl(), { headers: { "x-custom-auth": "cache-me" } });
    const mark = lines.length;
    const reply = await send(testUrl(), { headers: { "x-custom-auth": "cache-me" } });
    expect(reply.status).toBe(403);
    expect(lines.slice(mark).filter((line) => line.startsWith("GET "))).toEqual([expect.stringContaining("authorizer=cache")]);
  });

  test("an unknown path: 403 Missing Authentication Token with HSTS", async () => {
    const reply = await send(`${gateway.stageUrls[0]}/nowhere`);
    expect(reply.status).toBe(403);
    expect(reply.headers["strict-transport-security"]).toBe(HSTS);
    expect(reply.headers["x-amzn-errortype"]).toBe("MissingAuthenticationTokenException");
    expect(reply.body).toBe('{"message":"Missing Authentication Token"}');
  });

  test("every request is logged with method, path, status, what answered and latency — never the credential", async () => {
    const mark = lines.length;
    await send(`${testUrl()}?q=secret-query`, { headers: { "x-custom-auth": "allow" } });
    const logged = lines.slice(mark).filter((line) => line.startsWith("GET "));
    expect(logged).toEqual([expect.stringMatching(/^GET \/prod\/test 200 integration AWS_PROXY Api-backend authorizer=\w+ \d+\.\dms$/)]);
    expect(lines.slice(mark).join("\n")).not.toContain("secret-query");
  });

  test("with the request log off, no line per request is written, while the functions' output still is", async () => {
    const quietLines: string[] = [];
    let authorizerSpoke: () => void = () => undefined;
    const authorizerOutput = new Promise<void>((resolve) => {
      authorizerSpoke = resolve;
    });
    const quiet = await startLocalGateway({
      stackJsonPath,
      requestLog: false,
      log: (line) => {
        quietLines.push(line);
        if (line.startsWith("  [Api-authorizer] ")) {
          authorizerSpoke();
        }
      },
    });
    try {
      // A fresh gateway has an empty authorizer cache, so this request runs the authorizer, which logs its decision.
      const reply = await send(`${quiet.stageUrls[0]}/test`, { headers: { "x-custom-auth": "allow" } });
      expect(reply.status).toBe(200);
      await authorizerOutput;
    } finally {
      await quiet.close();
    }
    expect(quietLines.filter((line) => line.startsWith("GET "))).toEqual([]);
    expect(quietLines.some((line) => line.startsWith("  [Api-authorizer] "))).toBe(true);
  });

  test("it says at start-up where it knowingly differs from AWS, and lists every endpoint", () => {
    expect(lines).toContain("Known differences from API Gateway:");
    expect(lines).toContain(`  GET     ${gateway.url}/prod/test  (authorizer Api-request-authorizer, AWS_PROXY Api-backend)`);
  });

  test("it serves HTTPS with a given certificate and key, with the same headers", async () => {
    const { cert, key } = selfSignedCertificate("127.0.0.1");
    const secure = await startLocalGateway({ stackJsonPath, tls: { cert, key }, log: () => undefined });
    try {
      expect(secure.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      const reply = await send(`${secure.stageUrls[0]}/test`, { ca: cert });
      expect(reply.status).toBe(401);
      expect(reply.headers["strict-transport-security"]).toBe(HSTS);
    } finally {
      await secure.close();
    }
  });
});
