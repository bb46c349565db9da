import * as path from "node:path";
import type { APIGatewayProxyEvent } from "aws-lambda";
import { LocalGateway, startLocalGateway } from "../../src/local-gateway/server";
import { HttpReply, send } from "./http-client";

const STACK = path.join(__dirname, "fixtures", "edge-stack", "cdk.tf.json");
const HSTS = "max-age=31536000; includeSubDomains; preload";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

let gateway: LocalGateway;
let lines: string[];
let clockOffsetMs = 0;

beforeAll(async () => {
  lines = [];
  gateway = await startLocalGateway({ stackJsonPath: STACK, log: (line) => lines.push(line), now: () => Date.now() + clockOffsetMs });
});

afterAll(async () => {
  await gateway.close();
});

const get = (pathAndQuery: string, headers: Record<string, string> | string[] = {}, method = "GET", body?: string): Promise<HttpReply> =>
  send(`${gateway.url}${pathAndQuery}`, { method, headers, body });

/** The request-log lines written since `mark`. */
const requestLinesSince = (mark: number): string[] => lines.slice(mark).filter((line) => /^[A-Z]+ \//.test(line));

/** The event the echo backend received. */
const echoed = (reply: HttpReply): { event: APIGatewayProxyEvent; env: Record<string, string | null>; functionName: string; remainingPositive: boolean } =>
  JSON.parse(reply.body) as { event: APIGatewayProxyEvent; env: Record<string, string | null>; functionName: string; remainingPositive: boolean };

describe("local gateway on a hand-written stack", () => {
  describe("REQUEST authorizer", () => {
    test("an Allow passes principalId and the context, as strings, to the backend's requestContext.authorizer", async () => {
      const reply = await get("/v1/items?color=red&color=blue&size=m", { "X-Token": "allow", "X-Mixed-Case": "kept" });
      expect(reply.status).toBe(200);
      const { event } = echoed(reply);
      expect(event.requestContext.authorizer?.principalId).toBe("fixture-user");
      expect(event.requestContext.authorizer?.user).toBe("alice");
      expect(event.requestContext.authorizer?.count).toBe("3");
      expect(event.requestContext.authorizer?.admin).toBe("true");
      expect(event.headers["X-Mixed-Case"]).toBe("kept");
      expect(event.headers["x-mixed-case"]).toBeUndefined();
      expect(event.queryStringParameters).toEqual({ color: "blue", size: "m" });
      expect(event.multiValueQueryStringParameters?.color).toEqual(["red", "blue"]);
      expect(event.pathParameters).toBeNull();
      expect(event.stageVariables).toEqual({ greeting: "hi" });
      expect(event.resource).toBe("/items");
      expect(event.path).toBe("/items");
      expect(event.httpMethod).toBe("GET");
      expect(event.requestContext.path).toBe("/v1/items");
      expect(event.requestContext.stage).toBe("v1");
      expect(event.requestContext.resourcePath).toBe("/items");
      expect(event.requestContext.accountId).toBe("123456789012");
      expect(event.requestContext.requestId).toBe(reply.headers["x-amzn-requestid"]);
      expect(event.body).toBeNull();
      expect(event.isBase64Encoded).toBe(false);
    });

    test("the backend's own headers are passed through, multi-value headers included", async () => {
      const reply = await get("/v1/items", { "X-Token": "allow" });
      expect(reply.headers["strict-transport-security"]).toBe("max-age=60");
      expect(reply.headers["content-type"]).toBe("application/json");
      expect(reply.headers["x-multi"]).toBe("one, two");
      expect(reply.headers["x-amzn-errortype"]).toBeUndefined();
      expect(reply.headers["x-amzn-requestid"]).toMatch(UUID);
      expect(reply.headers["x-amzn-trace-id"]).toMatch(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24}$/);
    });

    test("a missing identity header is answered 401 from the customised template without invoking the Lambda", async () => {
      const mark = lines.length;
      const reply = await get("/v1/items", { Origin: "https://app.example" });
      expect(reply.status).toBe(401);
      expect(reply.headers["strict-transport-security"]).toBe(HSTS);
      expect(reply.headers["x-amzn-errortype"]).toBe("UnauthorizedException");
      expect(reply.headers["x-echo-origin"]).toBe("https://app.example");
      expect(reply.headers["x-request-id"]).toBe(reply.headers["x-amzn-requestid"]);
      expect(JSON.parse(reply.body)).toEqual({ message: "Unauthorized", type: "UNAUTHORIZED", stage: "v1", greeting: "hi" });
      expect(requestLinesSince(mark)).toEqual([expect.stringContaining("401 gateway-response UNAUTHORIZED authorizer=identity-source")]);
    });

    test("a mapped header whose request value is absent is left out", async () => {
      const reply = await get("/v1/items");
      expect(reply.status).toBe(401);
      expect(reply.headers["x-echo-origin"]).toBeUndefined();
    });

    test("an empty identity header is answered 401 like a missing one", async () => {
      const reply = await get("/v1/items", { "X-Token": "" });
      expect(reply.status).toBe(401);
      expect(reply.headers["x-amzn-errortype"]).toBe("UnauthorizedException");
    });

    test("an authorizer that fails with 'Unauthorized' gives 401", async () => {
      const mark = lines.length;
      const reply = await get("/v1/items", { "X-Token": "unauthorized" });
      expect(reply.status).toBe(401);
      expect(JSON.parse(reply.body).message).toBe("Unauthorized");
      expect(requestLinesSince(mark)).toEqual([expect.stringContaining("authorizer=lambda")]);
    });

    test("a Deny gives 403 ACCESS_DENIED through DEFAULT_4XX, with its headers and AWS's message", async () => {
      const reply = await get("/v1/items", { "X-Token": "deny" });
      expect(reply.status).toBe(403);
      expect(reply.headers["strict-transport-security"]).toBe(HSTS);
      expect(reply.headers["x-amzn-errortype"]).toBe("AccessDeniedException");
      expect(reply.headers["content-type"]).toBe("application/json");
      expect(JSON.parse(reply.body)).toEqual({ message: "User is not authorized to access this resource with an explicit deny" });
    });

    test("an Allow that does not cover the method ARN gives 403, also when it comes from the cache", async () => {
      const allowed = await get("/v1/items", { "X-Token": "allow-get-items" });
      expect(allowed.status).toBe(200);
      const mark = lines.length;
      const other = await get("/v1/items/42", { "X-Token": "allow-get-items" });
      expect(other.status).toBe(403);
      expect(JSON.parse(other.body)).toEqual({ message: "User is not authorized to access this resource" });
      expect(requestLinesSince(mark)).toEqual([expect.stringContaining("authorizer=cache")]);
    });

    test.each([
      ["a crashing authorizer", "crash"],
      ["a result without policyDocument", "malformed"],
      ["a context value that is an object", "nested-context"],
    ])("%s gives 500 AUTHORIZER_CONFIGURATION_ERROR with HSTS", async (_name, token) => {
      const reply = await get("/v1/items", { "X-Token": token });
      expect(reply.status).toBe(500);
      expect(reply.headers["strict-transport-security"]).toBe(HSTS);
      expect(reply.headers["x-amzn-errortype"]).toBe("AuthorizerConfigurationException");
      expect(reply.body).toBe('{"message":null}');
    });

    test("the identity header is found whatever its case", async () => {
      const reply = await get("/v1/items", { "x-TOKEN": "allow" });
      expect(reply.status).toBe(200);
    });
  });

  describe("authorizer cache", () => {
    test("identical credentials invoke the Lambda once within the TTL and again after it", async () => {
      const token = "allow";
      await get("/v1/items", { "X-Token": token });
      const mark = lines.length;
      await get("/v1/items", { "X-Token": token });
      await get("/v1/items", { "X-Token": token });
      expect(requestLinesSince(mark).map((line) => /authorizer=(\w[\w-]*)/.exec(line)?.[1])).toEqual(["cache", "cache"]);

      clockOffsetMs += 301_000;
      const afterTtl = lines.length;
      const reply = await get("/v1/items", { "X-Token": token });
      expect(reply.status).toBe(200);
      expect(requestLinesSince(afterTtl)).toEqual([expect.stringContaining("authorizer=lambda")]);
    });

    test("a cached Allow covers another method and path of the API", async () => {
      await get("/v1/items", { "X-Token": "allow" });
      const mark = lines.length;
      const reply = await get("/v1/items/7", { "X-Token": "allow" }, "DELETE");
      expect(reply.status).toBe(200);
      expect(echoed(reply).event.httpMethod).toBe("DELETE");
      expect(echoed(reply).event.pathParameters).toEqual({ id: "7" });
      expect(echoed(reply).event.resource).toBe("/items/{id}");
      expect(requestLinesSince(mark)).toEqual([expect.stringContaining("authorizer=cache")]);
    });

    test("a repeated identity header cannot leave a decision cached under another caller's credential", async () => {
      clockOffsetMs += 301_000; // every earlier entry has expired
      // The fixture authorizer reads the first spelling of X-Token in `headers`; before the fix it decided
      // on "deny" here while the cache keyed the Deny under the last value, "allow".
      const mixed = await get("/v1/items", ["X-Token", "deny", "x-token", "allow"]);
      expect(mixed.status).toBe(200);
      const repeated = await get("/v1/items", ["x-token", "allow", "x-token", "deny"]);
      expect(repeated.status).toBe(403);
      const mark = lines.length;
      const rightful = await get("/v1/items", { "X-Token": "allow" });
      expect(rightful.status).toBe(200);
      expect(requestLinesSince(mark)).toEqual([expect.stringContaining("authorizer=lambda")]);
      const again = await get("/v1/items", ["x-token", "allow", "x-token", "deny"]);
      expect(again.status).toBe(403);
    });

    test("a header repeated in two casings reaches the Lambda as one: its first spelling, the last value, every value", async () => {
      const reply = await get("/v1/items", ["X-Token", "deny", "x-token", "allow"]);
      const { event } = echoed(reply);
      expect(event.headers["X-Token"]).toBe("allow");
      expect(event.headers["x-token"]).toBeUndefined();
      expect(event.multiValueHeaders["X-Token"]).toEqual(["deny", "allow"]);
    });

    test("with a TTL of 0 every request invokes the Lambda, and a missing identity is not pre-checked", async () => {
      const mark = lines.length;
      await get("/v1/uncached", { "X-Token": "allow" });
      await get("/v1/uncached", { "X-Token": "allow" });
      const missing = await get("/v1/uncached");
      expect(missing.status).toBe(403);
      expect(requestLinesSince(mark).map((line) => /authorizer=(\w[\w-]*)/.exec(line)?.[1])).toEqual(["lambda", "lambda", "lambda"]);
    });
  });

  describe("TOKEN authorizer", () => {
    test("a missing token is 401 without invoking the Lambda", async () => {
      const mark = lines.length;
      const reply = await get("/v1/token");
      expect(reply.status).toBe(401);
      expect(requestLinesSince(mark)).toEqual([expect.stringContaining("authorizer=identity-source")]);
    });

    test("a token that fails the validation expression is 401 without invoking the Lambda", async () => {
      const mark = lines.length;
      const reply = await get("/v1/token", { Authorization: "Basic abc" });
      expect(reply.status).toBe(401);
      expect(requestLinesSince(mark)).toEqual([expect.stringContaining("authorizer=identity-source")]);
    });

    test("a callback-style TOKEN authorizer allows and denies by the token", async () => {
      const allowed = await get("/v1/token", { Authorization: "Bearer good" });
      expect(allowed.status).toBe(200);
      expect(echoed(allowed).event.requestContext.authorizer?.principalId).toBe("token-user");
      const denied = await get("/v1/token", { Authorization: "Bearer bad" });
      expect(denied.status).toBe(403);
    });
  });

  describe("routing", () => {
    // The value keeps its percent-encoding, as AWS records (localstack/localstack
    // tests/aws/services/apigateway/test_apigateway_lambda.snapshot.json, "invocation-payload-with-path-encoded-email").
    test("{proxy+} takes the rest of the path as sent, for any method", async () => {
      const reply = await get("/v1/files/a/b%20c.txt", {}, "POST", "payload");
      expect(reply.status).toBe(200);
      const { event } = echoed(reply);
      expect(event.resource).toBe("/files/{proxy+}");
      expect(event.pathParameters).toEqual({ proxy: "a/b%20c.txt" });
      expect(event.httpMethod).toBe("POST");
      expect(event.body).toBe("payload");
    });

    test("an unknown route gets MISSING_AUTHENTICATION_TOKEN with the stack's status override and template", async () => {
      const reply = await get("/v1/files");
      expect(reply.status).toBe(404);
      expect(reply.headers["strict-transport-security"]).toBe(HSTS);
      expect(reply.headers["x-amzn-errortype"]).toBe("MissingAuthenticationTokenException");
      expect(JSON.parse(reply.body)).toEqual({ message: "no such route: GET /v1/files" });
    });

    test("a method the resource does not declare is an unknown route", async () => {
      const reply = await get("/v1/open", {}, "PUT");
      expect(reply.status).toBe(404);
    });

    test("a path outside every stage gets AWS's own 403, which no gateway response customises", async () => {
      const reply = await get("/v2/items");
      expect(reply.status).toBe(403);
      expect(reply.body).toBe('{"message":"Forbidden"}');
      expect(reply.headers["x-amzn-errortype"]).toBe("ForbiddenException");
      expect(reply.headers["strict-transport-security"]).toBeUndefined();
    });
  });

  describe("integrations", () => {
    test("a backend that throws gives 502 through DEFAULT_5XX with HSTS", async () => {
      const mark = lines.length;
      const reply = await get("/v1/boom");
      expect(reply.status).toBe(502);
      expect(reply.headers["strict-transport-security"]).toBe(HSTS);
      expect(reply.headers["x-amzn-errortype"]).toBe("InternalServerErrorException");
      expect(JSON.parse(reply.body)).toEqual({ message: "Internal server error" });
      expect(requestLinesSince(mark)).toEqual([expect.stringContaining("backend exploded")]);
    });

    test("a malformed proxy result gives 502", async () => {
      const mark = lines.length;
      const reply = await get("/v1/malformed");
      expect(reply.status).toBe(502);
      expect(reply.headers["strict-transport-security"]).toBe(HSTS);
      expect(requestLinesSince(mark)).toEqual([expect.stringContaining("Malformed Lambda proxy response")]);
    });

    test.each(["header-name", "header-value"])("a backend header HTTP cannot carry (%s) gives 502 through DEFAULT_5XX with HSTS, and nothing of it reaches the client", async (kind) => {
      const mark = lines.length;
      const reply = await get(`/v1/malformed?kind=${kind}`);
      expect(reply.status).toBe(502);
      expect(reply.headers["strict-transport-security"]).toBe(HSTS);
      expect(reply.headers["x-amzn-errortype"]).toBe("InternalServerErrorException");
      expect(reply.headers["injected"]).toBeUndefined();
      expect(reply.headers["x-bad"]).toBeUndefined();
      expect(JSON.parse(reply.body)).toEqual({ message: "Internal server error" });
      expect(requestLinesSince(mark)).toEqual([expect.stringContaining("Malformed Lambda proxy response")]);
    });

    test("a backend slower than the integration timeout gives 504 INTEGRATION_TIMEOUT through DEFAULT_5XX", async () => {
      const reply = await get("/v1/slow");
      expect(reply.status).toBe(504);
      expect(reply.headers["strict-transport-security"]).toBe(HSTS);
      expect(JSON.parse(reply.body)).toEqual({ message: "Endpoint request timed out" });
    });

    test("a backend that exceeds its function timeout is stopped and gives 502", async () => {
      const mark = lines.length;
      const reply = await get("/v1/hang");
      expect(reply.status).toBe(502);
      expect(requestLinesSince(mark)).toEqual([expect.stringContaining("Task timed out after 1.00 seconds")]);
    });

    test("a MOCK integration answers the CORS preflight with its static headers and no authorizer", async () => {
      const mark = lines.length;
      const reply = await get("/v1/items", {}, "OPTIONS");
      expect(reply.status).toBe(204);
      expect(reply.headers["access-control-allow-origin"]).toBe("https://app.example");
      expect(reply.headers["access-control-allow-headers"]).toBe("X-Token,Content-Type");
      expect(reply.headers["strict-transport-security"]).toBe(HSTS);
      expect(reply.body).toBe("");
      expect(requestLinesSince(mark)).toEqual([expect.stringContaining("integration MOCK")]);
      expect(requestLinesSince(mark)[0]).not.toContain("authorizer=");
    });
  });

  describe("function environment", () => {
    test("each function sees only its own configuration, not another function's nor the host's", async () => {
      const { env, functionName, remainingPositive } = echoed(await get("/v1/open"));
      expect(env.ECHO_SETTING).toBe("from-stack");
      expect(env.AUTHORIZER_SETTING).toBeNull();
      expect(env.HOME).toBeNull();
      expect(env.AWS_LAMBDA_FUNCTION_NAME).toBe("edge-echo");
      expect(functionName).toBe("edge-echo");
      expect(remainingPositive).toBe(true);
    });

    test("an override replaces a function's variable", async () => {
      const other = await startLocalGateway({ stackJsonPath: STACK, log: () => undefined, environmentOverrides: { "edge-echo": { ECHO_SETTING: "overridden" } } });
      try {
        const { env } = echoed(await send(`${other.url}/v1/open`));
        expect(env.ECHO_SETTING).toBe("overridden");
      } finally {
        await other.close();
      }
    });

    test("an override for a function the stack does not have is refused at start-up", async () => {
      await expect(startLocalGateway({ stackJsonPath: STACK, log: () => undefined, environmentOverrides: { "no-such-fn": { A: "b" } } })).rejects.toThrow(
        /no-such-fn.*the stack has no function of that name/,
      );
    });
  });
});
