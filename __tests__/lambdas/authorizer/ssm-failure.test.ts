import { once } from "node:events";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import type { SSMProvider } from "@aws-lambda-powertools/parameters/ssm";
import type { SSMClient } from "@aws-sdk/client-ssm";
import { SSM_TIMEOUTS } from "../../../lambdas/authorizer/ssm-client";
import { requestEvent } from "../../support/authorizer-events";

/**
 * The authorizer against a local SSM endpoint that misbehaves. Each test loads the handler afresh (its
 * SSM client is created once per module registry) with AWS_ENDPOINT_URL_SSM pointing at 127.0.0.1.
 * Nothing here measures time: the outcome (401, the number of attempts, the client's settings) is
 * asserted, and jest's generous per-test timeout is only a backstop against a hang.
 */
// Each case waits out the client's real timeouts (up to the 3.5 s read deadline); jest's default 5 s would
// make a loaded machine fail them, so the backstop is generous.
jest.setTimeout(60_000);

type Behaviour = "never-answer" | "reset" | "internal-error" | "trickle";

interface FakeSsm {
  readonly url: string;
  /** Requests that reached the server (one per SDK attempt). */
  readonly requests: () => number;
  readonly close: () => Promise<void>;
}

async function fakeSsm(behaviour: Behaviour): Promise<FakeSsm> {
  let requests = 0;
  const timers = new Set<ReturnType<typeof setInterval>>();
  const server = http.createServer((req, res) => {
    requests += 1;
    req.resume();
    switch (behaviour) {
      case "never-answer":
        return;
      case "reset":
        req.socket.destroy();
        return;
      case "internal-error":
        res.writeHead(500, { "content-type": "application/x-amz-json-1.1" });
        res.end(JSON.stringify({ __type: "InternalServerError", message: "try again" }));
        return;
      case "trickle": {
        // Headers at once, then one byte of body now and then: no SDK timer covers this, only the deadline.
        res.writeHead(200, { "content-type": "application/x-amz-json-1.1", "content-length": "100000" });
        const timer = setInterval(() => res.write(" "), 100);
        timers.add(timer);
        res.on("close", () => clearInterval(timer));
        return;
      }
    }
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests: () => requests,
    close: async () => {
      timers.forEach(clearInterval);
      server.closeAllConnections();
      server.close();
      await once(server, "close");
    },
  };
}

interface LoadedAuthorizer {
  readonly handler: typeof import("../../../lambdas/authorizer/index").handler;
  readonly ssmClient: () => SSMClient;
  readonly lines: string[];
}

/** Loads the handler in a fresh module registry, with the environment the stack sets and the given endpoint. */
async function loadAuthorizer(endpoint: string): Promise<LoadedAuthorizer> {
  Object.assign(process.env, {
    IDENTITY_HEADER: "x-custom-auth",
    CREDENTIAL_SOURCE: "ssm",
    CREDENTIAL_PARAMETER: "/Api/authorizer/credential",
    CREDENTIAL_MAX_AGE_SECONDS: "300",
    AWS_REGION: "ap-northeast-1",
    AWS_ACCESS_KEY_ID: "AKIDLOCALTEST",
    AWS_SECRET_ACCESS_KEY: "local-test-secret",
    AWS_ENDPOINT_URL_SSM: endpoint,
  });
  delete process.env.AWS_PROFILE;
  let loaded: LoadedAuthorizer | undefined;
  await jest.isolateModulesAsync(async () => {
    const { handler } = await import("../../../lambdas/authorizer/index");
    const { setLogSink } = await import("../../../lambdas/shared/logger");
    const { DEFAULT_PROVIDERS } = await import("@aws-lambda-powertools/parameters/base");
    const lines: string[] = [];
    setLogSink((line) => lines.push(line));
    loaded = { handler, lines, ssmClient: () => (DEFAULT_PROVIDERS.ssm as SSMProvider).client as SSMClient };
  });
  if (loaded === undefined) {
    throw new Error("the authorizer did not load");
  }
  return loaded;
}

const BACKSTOP_MS = 30_000;

/** How many sockets and timers this process holds: what an abandoned SDK read keeps open. */
function openSocketsAndTimers(): number {
  return process.getActiveResourcesInfo().filter((type) => type === "TCPSocketWrap" || type === "Timeout").length;
}

describe("the authorizer when SSM misbehaves", () => {
  const savedEnv = { ...process.env };
  let server: FakeSsm | undefined;
  let before = 0;

  beforeEach(() => {
    before = openSocketsAndTimers();
  });

  afterEach(async () => {
    await server?.close();
    server = undefined;
    process.env = { ...savedEnv };
    // A read cut off by the deadline is not cancelled (deadline.ts): the SDK goes on until its socket
    // closes and its retry is refused. Let it finish here, so nothing of a test outlives it (jest would
    // otherwise force the worker out at the end); bounded, and a cleanup, not an assertion.
    for (let polls = 0; polls < 500 && openSocketsAndTimers() > before; polls += 1) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  });

  test(
    "answers 401 when SSM accepts the connection and never answers, after exactly the configured attempts",
    async () => {
      server = await fakeSsm("never-answer");
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
      server = await fakeSsm("internal-error");
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
      server = await fakeSsm("reset");
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
      server = await fakeSsm("internal-error");
      const authorizer = await loadAuthorizer(server.url);
      await expect(authorizer.handler(requestEvent({ "x-custom-auth": "anything" }))).rejects.toThrow(new Error("Unauthorized"));
      expect(server.requests()).toBe(SSM_TIMEOUTS.maxAttempts);
    },
    BACKSTOP_MS,
  );

  test(
    "answers 401 when SSM sends its headers and then trickles the body, which only the read deadline stops",
    async () => {
      server = await fakeSsm("trickle");
      const authorizer = await loadAuthorizer(server.url);
      await expect(authorizer.handler(requestEvent({ "x-custom-auth": "anything" }))).rejects.toThrow(new Error("Unauthorized"));
      expect(JSON.parse(authorizer.lines[0])).toMatchObject({ decision: "unauthenticated", errorName: "DeadlineExceededError" });
    },
    BACKSTOP_MS,
  );
});
