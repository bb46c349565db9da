import { fork } from "node:child_process";
import { existsSync } from "node:fs";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import * as os from "node:os";
import { Worker } from "node:worker_threads";
import autocannon from "autocannon";
import { loadBundledGateway } from "../start/bundled-gateway";

/**
 * The ceiling of any design that runs a Lambda in a worker thread: a bare Node `http` server against the
 * same server that, before answering, sends one string of a proxy event's size to a trivial worker thread
 * and waits for its reply — no gateway logic, no JSON, no handler. Whatever the gateway's 200 path does,
 * it cannot beat these servers' throughput. Three hand-offs are measured:
 *
 * - `postMessage`, every request posted at once (the worker works through its queue without sleeping
 *   between messages when they arrive faster than it answers);
 * - `postMessage`, one request at a time (the next is posted when the previous answer is back), as the
 *   gateway does: one invocation at a time per execution environment;
 * - a SharedArrayBuffer handshake, one request at a time: the worker blocks in `Atomics.wait` between
 *   requests (as Lambda freezes an idle environment), the main thread writes the event into the buffer,
 *   wakes it with `Atomics.notify` and learns of the answer through `Atomics.waitAsync`;
 * - the gateway's own function pool (`LambdaRunner`, bundled as `npm start` bundles it) running the
 *   synthesized app's backend bundle on a fixed proxy event: the Lambda runtime contract in the worker,
 *   the pool's hand-over in advance, its timers — everything the 200 path pays for its function and nothing
 *   of the gateway's request path (no routing, authorizer cache, event building, result checking or
 *   rendering). Once with the pool's default environments (one per CPU), once with one. The floor of the
 *   gateway's 200 path as it is designed.
 *
 * The servers run in a child process, autocannon in this one (as in local-gateway-bench.ts).
 * Usage: node --import tsx scripts/bench/worker-hop-ceiling.ts [--duration <s>] [--rounds <n>] [--connections <n>] [--stack <cdk.tf.json>]
 * (the pool servers need the synthesized stack: `npm run synth` first).
 */
function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(name);
  return index >= 0 && process.argv[index + 1] !== undefined ? process.argv[index + 1] : fallback;
}

// About the size of the synthesized app's proxy event as JSON (1.2 kB).
const EVENT_SIZE = 1200;
const BODY = Buffer.from("Hello, World!");

const SERVERS = [
  ["bare", "bare Node http"],
  ["posted", `same + one worker-thread round trip (${EVENT_SIZE} B string, postMessage) per request, all posted at once`],
  ["serial", "same, postMessage one request at a time (as the gateway: one invocation per environment)"],
  ["atomics", "same, one at a time through a SharedArrayBuffer (worker blocked in Atomics.wait, main thread on Atomics.waitAsync)"],
  ["pool", "same, through the gateway's function pool running the app's backend (environments: one per CPU, the default)"],
  ["pool-one", "same, the pool limited to one eager environment"],
] as const;
type ServerName = (typeof SERVERS)[number][0];

// Node 20 has Atomics.waitAsync; TypeScript's lib declares it from ES2024 on.
const waitAsync = (Atomics as unknown as { waitAsync(array: Int32Array, index: number, value: number): { async: boolean; value: Promise<string> | string } }).waitAsync;

/** Runs hand-offs one at a time: each starts when the previous one has answered. */
function oneAtATime(handOff: () => Promise<void>): (done: () => void) => void {
  const queue: (() => void)[] = [];
  let busy = false;
  const drain = async (): Promise<void> => {
    busy = true;
    for (let done = queue.shift(); done !== undefined; done = queue.shift()) {
      await handOff();
      done();
    }
    busy = false;
  };
  return (done) => {
    queue.push(done);
    if (!busy) {
      void drain();
    }
  };
}

function postedHop(event: string): (done: () => void) => void {
  const worker = new Worker(`const { parentPort } = require("node:worker_threads"); parentPort.on("message", (m) => parentPort.postMessage(m.slice(0, 64)));`, { eval: true });
  // Replies come back in order.
  const waiting: (() => void)[] = [];
  worker.on("message", () => waiting.shift()?.());
  return (done) => {
    waiting.push(done);
    worker.postMessage(event);
  };
}

function serialHop(event: string): (done: () => void) => void {
  const worker = new Worker(`const { parentPort } = require("node:worker_threads"); parentPort.on("message", (m) => parentPort.postMessage(m.slice(0, 64)));`, { eval: true });
  return oneAtATime(
    () =>
      new Promise((resolve) => {
        worker.once("message", () => resolve());
        worker.postMessage(event);
      }),
  );
}

function atomicsHop(event: string): (done: () => void) => void {
  // state[0]: 0 idle, 1 request written, 2 answer written; state[1]: the length in bytes.
  const shared = new SharedArrayBuffer(8 + 64 * 1024);
  const state = new Int32Array(shared, 0, 2);
  const bytes = new Uint8Array(shared, 8);
  new Worker(
    `const { workerData } = require("node:worker_threads");
    const state = new Int32Array(workerData, 0, 2), bytes = new Uint8Array(workerData, 8);
    const decoder = new TextDecoder(), encoder = new TextEncoder();
    function loop() {
      for (;;) {
        const value = Atomics.load(state, 0);
        if (value === 1) {
          const text = decoder.decode(bytes.subarray(0, state[1]));
          state[1] = encoder.encodeInto(text.slice(0, 64), bytes).written;
          Atomics.store(state, 0, 2);
          Atomics.notify(state, 0);
          setImmediate(loop);
          return;
        }
        Atomics.wait(state, 0, value);
      }
    }
    loop();`,
    { eval: true, workerData: shared },
  );
  const encoder = new TextEncoder();
  const decoder = new TextDecoder();
  return oneAtATime(async () => {
    state[1] = encoder.encodeInto(event, bytes).written;
    Atomics.store(state, 0, 1);
    Atomics.notify(state, 0);
    const wait = waitAsync(state, 0, 1);
    if (wait.async) {
      await wait.value;
    }
    decoder.decode(bytes.subarray(0, state[1]));
    Atomics.store(state, 0, 0);
  });
}

/**
 * A REST API proxy event as the gateway sends the app's backend for the benchmark's `GET /prod/test` (the
 * backend reads none of it; its size is what crosses to the thread).
 */
const SAMPLE_PROXY_EVENT = {
  resource: "/test",
  path: "/test",
  httpMethod: "GET",
  headers: { Host: "127.0.0.1:3000", "X-Amzn-Trace-Id": "Root=1-6b07b6aa-34e64968ce80a772509df89f", "X-Forwarded-For": "127.0.0.1", "X-Forwarded-Port": "3000", "X-Forwarded-Proto": "http", "x-custom-auth": "allow" },
  multiValueHeaders: { Host: ["127.0.0.1:3000"], "X-Amzn-Trace-Id": ["Root=1-6b07b6aa-34e64968ce80a772509df89f"], "X-Forwarded-For": ["127.0.0.1"], "X-Forwarded-Port": ["3000"], "X-Forwarded-Proto": ["http"], "x-custom-auth": ["allow"] },
  queryStringParameters: null,
  multiValueQueryStringParameters: null,
  pathParameters: null,
  stageVariables: null,
  requestContext: {
    resourceId: "abc123",
    authorizer: { principalId: "user", integrationLatency: 0 },
    resourcePath: "/test",
    httpMethod: "GET",
    extendedRequestId: "zHWAA3oMY2Fd6co=",
    requestTime: "26/Nov/2026:06:00:00 +0000",
    path: "/prod/test",
    accountId: "123456789012",
    protocol: "HTTP/1.1",
    stage: "prod",
    domainPrefix: "127",
    requestTimeEpoch: 1795500000000,
    requestId: "251658e6-9a21-46bc-8ef5-728c5a352e16",
    identity: { cognitoIdentityPoolId: null, accountId: null, cognitoIdentityId: null, caller: null, sourceIp: "127.0.0.1", principalOrgId: null, accessKey: null, cognitoAuthenticationType: null, cognitoAuthenticationProvider: null, userArn: null, userAgent: null, user: null },
    domainName: "127.0.0.1:3000",
    deploymentId: "local",
    apiId: "localapi01",
  },
  body: null,
  isBase64Encoded: false,
};

/** The gateway's function pool running the stack's backend (the function no authorizer uses), each request one invocation. */
function poolHop(stackJsonPath: string, eagerEnvironments: number | undefined): (done: () => void) => void {
  const { LambdaRunner, EventJson, loadStack } = loadBundledGateway();
  const model = loadStack(stackJsonPath);
  const authorizerFunctions = new Set([...model.authorizers.values()].map((authorizer) => authorizer.functionAddress));
  const backend = [...model.functions.values()].find((fn) => !authorizerFunctions.has(fn.address));
  if (backend === undefined) {
    throw new Error(`${stackJsonPath} has no function other than its authorizers'`);
  }
  const runner = new LambdaRunner([backend], { region: model.region, eagerEnvironments });
  void runner.warmUp();
  const event = new EventJson(JSON.stringify(SAMPLE_PROXY_EVENT));
  let count = 0;
  return (done) => {
    count += 1;
    void runner.invoke(backend.address, event, `request-${count}`).then((outcome) => {
      if (outcome.kind !== "result") {
        process.stderr.write(`the backend failed: ${outcome.errorType}: ${outcome.errorMessage}\n`);
        process.exit(1);
      }
      done();
    });
  };
}

function serve(stackJsonPath: string): void {
  const event = "x".repeat(EVENT_SIZE);
  const answer = (response: http.ServerResponse): void => {
    response.writeHead(200, { "content-type": "text/plain" });
    response.end(BODY);
  };
  const hops: Record<ServerName, (done: () => void) => void> = {
    bare: (done) => done(),
    posted: postedHop(event),
    serial: serialHop(event),
    atomics: atomicsHop(event),
    pool: poolHop(stackJsonPath, undefined),
    "pool-one": poolHop(stackJsonPath, 1),
  };
  const servers = SERVERS.map(([name]) => http.createServer((_request, response) => hops[name](() => answer(response))).listen(0, "127.0.0.1"));
  Promise.all(servers.map((server) => new Promise((resolve) => server.once("listening", resolve))))
    .then(() => process.send?.(servers.map((server) => (server.address() as AddressInfo).port)))
    .catch(() => process.exit(1));
  process.on("message", () => process.exit(0));
  // Bounded even if the parent dies without saying stop.
  setTimeout(() => process.exit(0), 10 * 60 * 1000).unref();
}

async function measure(): Promise<void> {
  const duration = Number(option("--duration", "5"));
  const rounds = Number(option("--rounds", "3"));
  const connections = Number(option("--connections", "10"));
  const stackJsonPath = option("--stack", "cdktf.out/stacks/authorized-api/cdk.tf.json");
  for (const [name, value] of [["--duration", duration], ["--rounds", rounds], ["--connections", connections]] as const) {
    if (!Number.isInteger(value) || value < 1) {
      throw new Error(`${name} must be a whole number of at least 1, got ${option(name, "")}`);
    }
  }
  if (!existsSync(stackJsonPath)) {
    throw new Error(`--stack: ${stackJsonPath} does not exist; run \`npm run synth\` first or name the synthesized cdk.tf.json`);
  }
  const child = fork(__filename, ["serve", stackJsonPath], { execArgv: ["--import", "tsx"] });
  const ports = await new Promise<number[]>((resolve, reject) => {
    child.once("message", (message) => resolve(message as number[]));
    // A stack the pool cannot load ends the child before it listens; it has said why on stderr.
    child.once("exit", (code) => reject(new Error(`the servers did not start (exit code ${String(code)})`)));
  });
  const results = new Map<ServerName, number[]>(SERVERS.map(([name]) => [name, []]));
  for (let round = 0; round < rounds; round += 1) {
    for (const [index, [name]] of SERVERS.entries()) {
      const url = `http://127.0.0.1:${ports[index]}/`;
      await autocannon({ url, connections, duration: 1 });
      const result = await autocannon({ url, connections, duration });
      if (result.errors > 0 || result.timeouts > 0 || result.non2xx > 0) {
        throw new Error(`${name}: errors ${result.errors}, timeouts ${result.timeouts}, non-2xx ${result.non2xx}`);
      }
      results.get(name)?.push(result.requests.average);
    }
  }
  child.send("stop");
  const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const bare = median(results.get("bare") ?? []);
  process.stdout.write(
    [
      `autocannon 9.0.0, ${connections} connections, median of ${rounds} alternating rounds of ${duration} s, Node ${process.version}, ${os.cpus().length} CPUs`,
      "",
      "| server | req/s | / bare |",
      "|---|---:|---:|",
      ...SERVERS.map(([name, label]) => {
        const rps = median(results.get(name) ?? []);
        return `| ${label} | ${Math.round(rps)} | ${((rps / bare) * 100).toFixed(0)} % |`;
      }),
      "",
    ].join("\n"),
  );
}

if (process.argv[2] === "serve") {
  try {
    serve(process.argv[3]);
  } catch (error: unknown) {
    process.stderr.write(`worker-hop-ceiling: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
} else {
  measure().catch((error: unknown) => {
    process.stderr.write(`worker-hop-ceiling: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
