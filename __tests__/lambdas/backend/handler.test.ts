import type { APIGatewayProxyEvent } from "aws-lambda";
import { handler, resetForTests } from "../../../lambdas/backend/index";
import { GREETING, greetingResponse } from "../../../lambdas/backend/response";
import { parseSecurityHeaders } from "../../../lambdas/shared/security-headers";
import { SecurityHeaderPolicy } from "../../../src/security-headers/security-header-policy";

const EVENT = { httpMethod: "GET", path: "/test" } as APIGatewayProxyEvent;

describe("backend handler", () => {
  const savedEnv = { ...process.env };
  afterEach(() => {
    process.env = { ...savedEnv };
    resetForTests();
  });

  test("answers 200 Hello, World! with the headers the stack rendered from the policy", async () => {
    const policy = new SecurityHeaderPolicy({ hsts: { preload: true } });
    process.env.SECURITY_HEADERS = policy.toJson();
    const result = await handler(EVENT);
    expect(result.statusCode).toBe(200);
    expect(result.body).toBe("Hello, World!");
    expect(result.headers?.["Strict-Transport-Security"]).toBe("max-age=31536000; includeSubDomains; preload");
    expect(result.headers?.["Content-Type"]).toBe("text/plain; charset=utf-8");
  });

  test("sends every header of its configuration, not only HSTS", async () => {
    process.env.SECURITY_HEADERS = JSON.stringify({ "Strict-Transport-Security": "max-age=1", "X-Frame-Options": "DENY" });
    const result = await handler(EVENT);
    expect(result.headers).toMatchObject({ "Strict-Transport-Security": "max-age=1", "X-Frame-Options": "DENY" });
  });

  test("fails instead of answering without its security headers", async () => {
    delete process.env.SECURITY_HEADERS;
    await expect(handler(EVENT)).rejects.toThrow("SECURITY_HEADERS is not set");
  });
});

describe("greetingResponse", () => {
  test("does not let a configured header override the content type it sends", () => {
    expect(greetingResponse({ "Content-Type": "text/html" }).headers?.["Content-Type"]).toBe("text/plain; charset=utf-8");
    expect(greetingResponse({}).body).toBe(GREETING);
  });
});

describe("parseSecurityHeaders", () => {
  test.each([
    [undefined, "SECURITY_HEADERS is not set"],
    ["[]", "SECURITY_HEADERS must be a JSON object"],
    ["{}", "SECURITY_HEADERS must map header names to string values"],
    ['{"A":1}', "SECURITY_HEADERS must map header names to string values"],
    ["{", /JSON/],
  ])("rejects %p", (json, message) => {
    expect(() => parseSecurityHeaders(json)).toThrow(message);
  });
});
