import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { loadBundledGateway } from "../start/bundled-gateway";
import { applyGatewayV8Flags } from "../start/gateway-v8-flags";

/**
 * The servers the benchmark measures, each run in its own child process (forked by
 * local-gateway-bench.ts) so the load generator never shares a thread with them.
 *
 * - `gateway <stack.json> [max environments per function]`: the local gateway as `npm start` runs it (its V8
 *   settings, bundled as one file),
 *   request log off; answers `rss` with its resident memory and its main thread's heap;
 * - `bare`: a bare Node `http` server per captured response, answering exactly those bytes (status,
 *   headers, body) to every request — the ceiling for any Node HTTP server on this machine.
 */

/** A response captured from the gateway, to be replayed by the bare server. */
export interface CapturedResponse {
  readonly status: number;
  readonly headers: readonly (readonly [string, string])[];
  readonly body: string;
}

type ParentMessage = { readonly type: "stop" } | { readonly type: "rss" } | { readonly type: "bare"; readonly responses: readonly CapturedResponse[] };

async function main(): Promise<void> {
  const [mode, stackJsonPath, concurrency] = process.argv.slice(2);
  const send = (message: unknown): void => {
    process.send?.(message);
  };
  if (mode === "gateway") {
    applyGatewayV8Flags();
    const gateway = await loadBundledGateway().startLocalGateway({ stackJsonPath, log: () => undefined, requestLog: false, maxConcurrencyPerFunction: concurrency === undefined ? undefined : Number(concurrency) });
    send({ type: "ready", urls: [gateway.stageUrls[0]] });
    process.on("message", (message: ParentMessage) => {
      if (message.type === "stop") {
        void gateway.close().then(() => process.exit(0));
      }
      if (message.type === "rss") {
        const usage = process.memoryUsage();
        send({ type: "rss", rss: usage.rss, heapUsed: usage.heapUsed, heapTotal: usage.heapTotal });
      }
    });
    return;
  }
  const servers: http.Server[] = [];
  process.on("message", (message: ParentMessage) => {
    if (message.type === "stop") {
      servers.forEach((server) => server.closeAllConnections());
      process.exit(0);
    }
    if (message.type === "bare") {
      void Promise.all(message.responses.map((response) => listenBare(response, servers))).then((urls) => send({ type: "ready", urls }));
    }
  });
  send({ type: "waiting" });
}

function listenBare(captured: CapturedResponse, servers: http.Server[]): Promise<string> {
  const body = Buffer.from(captured.body, "utf8");
  const headers = captured.headers.flatMap(([name, value]) => [name, value]);
  const server = http.createServer((_req, res) => {
    res.writeHead(captured.status, headers);
    res.end(body);
  });
  servers.push(server);
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`));
  });
}

void main();
