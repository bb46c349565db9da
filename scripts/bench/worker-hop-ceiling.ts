import { fork } from "node:child_process";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import * as os from "node:os";
import { Worker } from "node:worker_threads";
import autocannon from "autocannon";

/**
 * The ceiling of any design that runs a Lambda in a worker thread: a bare Node `http` server against the
 * same server that, before answering, sends one string of a proxy event's size to a trivial worker thread
 * and waits for its reply — no gateway logic, no JSON, no handler. Whatever the gateway's 200 path does,
 * it cannot beat the second server's throughput.
 *
 * The servers run in a child process, autocannon in this one (as in local-gateway-bench.ts).
 * Usage: node --import tsx scripts/bench/worker-hop-ceiling.ts [--duration <s>] [--rounds <n>] [--connections <n>]
 */
function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(name);
  return index >= 0 && process.argv[index + 1] !== undefined ? process.argv[index + 1] : fallback;
}

// About the size of the synthesized app's proxy event as JSON (1.2 kB).
const EVENT_SIZE = 1200;
const BODY = Buffer.from("Hello, World!");

function serve(): void {
  const worker = new Worker(`require("node:worker_threads").parentPort.on("message", (m) => require("node:worker_threads").parentPort.postMessage(m.slice(0, 64)));`, {
    eval: true,
  });
  // One message in flight per request; replies come back in order.
  const waiting: (() => void)[] = [];
  worker.on("message", () => waiting.shift()?.());
  const event = "x".repeat(EVENT_SIZE);
  const answer = (response: http.ServerResponse) => {
    response.writeHead(200, { "content-type": "text/plain" });
    response.end(BODY);
  };
  const bare = http.createServer((_request, response) => answer(response)).listen(0, "127.0.0.1");
  const viaWorker = http
    .createServer((_request, response) => {
      waiting.push(() => answer(response));
      worker.postMessage(event);
    })
    .listen(0, "127.0.0.1");
  Promise.all([bare, viaWorker].map((server) => new Promise((resolve) => server.once("listening", resolve))))
    .then(() => process.send?.([(bare.address() as AddressInfo).port, (viaWorker.address() as AddressInfo).port]))
    .catch(() => process.exit(1));
  process.on("message", () => process.exit(0));
  // Bounded even if the parent dies without saying stop.
  setTimeout(() => process.exit(0), 10 * 60 * 1000).unref();
}

async function measure(): Promise<void> {
  const duration = Number(option("--duration", "5"));
  const rounds = Number(option("--rounds", "3"));
  const connections = Number(option("--connections", "10"));
  const child = fork(__filename, ["serve"], { execArgv: ["--import", "tsx"] });
  const [barePort, workerPort] = await new Promise<[number, number]>((resolve) => child.once("message", (ports) => resolve(ports as [number, number])));
  const results: Record<"bare" | "worker", number[]> = { bare: [], worker: [] };
  for (let round = 0; round < rounds; round += 1) {
    for (const [name, port] of [["bare", barePort], ["worker", workerPort]] as const) {
      const url = `http://127.0.0.1:${port}/`;
      await autocannon({ url, connections, duration: 1 });
      const result = await autocannon({ url, connections, duration });
      if (result.errors > 0 || result.timeouts > 0 || result.non2xx > 0) {
        throw new Error(`${name}: errors ${result.errors}, timeouts ${result.timeouts}, non-2xx ${result.non2xx}`);
      }
      results[name].push(result.requests.average);
    }
  }
  child.send("stop");
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const bare = median(results.bare);
  const viaWorker = median(results.worker);
  process.stdout.write(
    [
      `autocannon 9.0.0, ${connections} connections, median of ${rounds} alternating rounds of ${duration} s, Node ${process.version}, ${os.cpus().length} CPUs`,
      "",
      "| server | req/s | / bare |",
      "|---|---:|---:|",
      `| bare Node http | ${Math.round(bare)} | 100 % |`,
      `| same + one worker-thread round trip (${EVENT_SIZE} B string) per request | ${Math.round(viaWorker)} | ${((viaWorker / bare) * 100).toFixed(0)} % |`,
      "",
    ].join("\n"),
  );
}

if (process.argv[2] === "serve") {
  serve();
} else {
  measure().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
    process.exit(1);
  });
}
