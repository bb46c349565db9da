import { once } from "node:events";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import type { SSMProvider } from "@aws-lambda-powertools/parameters/ssm";
import type { SSMClient } from "@aws-sdk/client-ssm";

/**
 * A local SSM endpoint that misbehaves, and the authorizer loaded against it: what the SSM failure tests
 * (ssm-failure.test.ts, ssm-deadline.test.ts) share.
 */

export type Behaviour = "never-answer" | "reset" | "internal-error" | "trickle";

export interface FakeSsm {
  readonly url: string;
  /** Requests that reached the server (one per SDK attempt). */
  readonly requests: () => number;
  readonly close: () => Promise<void>;
}

export async function fakeSsm(behaviour: Behaviour): Promise<FakeSsm> {
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

export interface LoadedAuthorizer {
  readonly handler: typeof import("../../../../lambdas/authorizer/index").handler;
  readonly ssmClient: () => SSMClient;
  readonly lines: string[];
}

/** Loads the handler in a fresh module registry, with the environment the stack sets and the given endpoint. */
export async function loadAuthorizer(endpoint: string): Promise<LoadedAuthorizer> {
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
    const { handler } = await import("../../../../lambdas/authorizer/index");
    const { setLogSink } = await import("../../../../lambdas/shared/logger");
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

/** How many sockets and timers this process holds: what an SDK read still under way keeps open. */
function openSocketsAndTimers(): number {
  return process.getActiveResourcesInfo().filter((type) => type === "TCPSocketWrap" || type === "Timeout").length;
}

/**
 * Called before a test; what it returns is awaited after the test's server has closed. A read the authorizer gave
 * up on is not cancelled (lambdas/authorizer/deadline.ts): the SDK goes on until its socket closes and its
 * retry is refused. This waits, polling, until the process holds no more sockets and timers than before the
 * test — so nothing of a test outlives it, and jest never has to force a worker out at the end. Bounded at
 * 10 s, and a cleanup, not an assertion.
 */
function settleAbandonedReads(): () => Promise<void> {
  const before = openSocketsAndTimers();
  return async () => {
    for (let polls = 0; polls < 500 && openSocketsAndTimers() > before; polls += 1) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
}

/** Per test: a ceiling against a hang, far above the 3.5 s read deadline the slowest case waits out. */
export const BACKSTOP_MS = 30_000;

/**
 * What every test of the enclosing `describe` shares: each test's fake endpoint is closed after it, the
 * environment `loadAuthorizer` set is restored, and the reads the authorizer gave up on are waited for.
 *
 * @returns `start(behaviour)`: a fake endpoint, closed after the test.
 */
export function misbehavingSsmPerTest(): { start: (behaviour: Behaviour) => Promise<FakeSsm> } {
  const savedEnv = { ...process.env };
  let servers: FakeSsm[] = [];
  let settled: () => Promise<void> = async () => undefined;

  beforeEach(() => {
    settled = settleAbandonedReads();
  });

  afterEach(async () => {
    await Promise.all(servers.map((server) => server.close()));
    servers = [];
    process.env = { ...savedEnv };
    await settled();
  });

  return {
    start: async (behaviour) => {
      const server = await fakeSsm(behaviour);
      servers.push(server);
      return server;
    },
  };
}
