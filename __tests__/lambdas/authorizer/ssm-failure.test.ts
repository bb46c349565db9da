import { SSM_TIMEOUTS } from "../../../lambdas/authorizer/ssm-client";
import { requestEvent } from "../../support/authorizer-events";
import { BACKSTOP_MS, fakeSsm, loadAuthorizer, misbehavingSsmPerTest } from "./support/fake-ssm";

/**
 * The authorizer against a local SSM endpoint that misbehaves. Each test loads the handler afresh (its
 * SSM client is created once per module registry) with AWS_ENDPOINT_URL_SSM pointing at 127.0.0.1.
 * Nothing here measures time: the outcome (401, the number of attempts, the client's settings) is
 * asserted, and jest's generous per-test timeout is only a backstop against a hang.
 */
// Each case waits out the client's real timeouts (the read deadline's case is in ssm-deadline.test.ts);
// jest's default 5 s would make a loaded machine fail them, so the backstop is generous.
jest.setTimeout(60_000);

describe("the authorizer when SSM misbehaves", () => {
  const ssm = misbehavingSsmPerTest();

  test(
    "answers 401 when SSM accepts the connection and never answers, after exactly the configured attempts",
    async () => {
      const server = await ssm.start("never-answer");
      const authorizer = await loadAuthorizer(server.url);
      await expect(authorizer.handler(requestEvent({ "x-custom-auth": "anything" }))).rejects.toThrow(new Error("Unauthorized"));
      expect(server.requests()).toBe(SSM_TIMEOUTS.maxAttempts);
      expect(JSON.parse(authorizer.lines[0])).toMatchObject({ level: "error", decision: "unauthenticated" });
    },
    BACKSTOP_MS,
  );

  test(
    "reads through a client whose timeouts and retry budget are the exported ones",
    async () => {
      // A quick failure is enough to create the client: this case reads its settings, not a timeout.
      const server = await ssm.start("internal-error");
      const authorizer = await loadAuthorizer(server.url);
      await expect(authorizer.handler(requestEvent({ "x-custom-auth": "anything" }))).rejects.toThrow("Unauthorized");
      const config = authorizer.ssmClient().config;
      const handlerConfig = (config.requestHandler as unknown as { httpHandlerConfigs(): Record<string, unknown> }).httpHandlerConfigs();
      expect(handlerConfig).toMatchObject({
        connectionTimeout: SSM_TIMEOUTS.connectionTimeoutMs,
        requestTimeout: SSM_TIMEOUTS.requestTimeoutMs,
        throwOnRequestTimeout: true,
        socketTimeout: SSM_TIMEOUTS.requestTimeoutMs,
      });
      await expect(config.maxAttempts()).resolves.toBe(SSM_TIMEOUTS.maxAttempts);
      const strategy = await config.retryStrategy();
      expect(strategy.constructor.name).toBe("BoundedRetryStrategy");
    },
    BACKSTOP_MS,
  );

  test(
    "answers 401 when SSM drops every connection",
    async () => {
      const server = await ssm.start("reset");
      const authorizer = await loadAuthorizer(server.url);
      await expect(authorizer.handler(requestEvent({ "x-custom-auth": "anything" }))).rejects.toThrow(new Error("Unauthorized"));
      expect(server.requests()).toBe(SSM_TIMEOUTS.maxAttempts);
    },
    BACKSTOP_MS,
  );

  test(
    "answers 401 when nothing listens on the SSM endpoint (connection refused)",
    async () => {
      const closed = await fakeSsm("never-answer");
      const url = closed.url;
      await closed.close();
      const authorizer = await loadAuthorizer(url);
      await expect(authorizer.handler(requestEvent({ "x-custom-auth": "anything" }))).rejects.toThrow(new Error("Unauthorized"));
    },
    BACKSTOP_MS,
  );

  test(
    "answers 401 when SSM keeps failing with 500, retrying only within the budget",
    async () => {
      const server = await ssm.start("internal-error");
      const authorizer = await loadAuthorizer(server.url);
      await expect(authorizer.handler(requestEvent({ "x-custom-auth": "anything" }))).rejects.toThrow(new Error("Unauthorized"));
      expect(server.requests()).toBe(SSM_TIMEOUTS.maxAttempts);
    },
    BACKSTOP_MS,
  );
});
