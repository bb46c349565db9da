import * as http from "node:http";
import * as https from "node:https";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import { Gateway } from "./gateway";
import { answerClientError } from "./http/client-errors";
import { InFlight } from "./http/in-flight";
import { serve } from "./http/serve";
import { endpointLines } from "./endpoints";
import { differenceLines } from "./known-differences";
import { LambdaRunner } from "./lambda/lambda-runner";
import { loadStack } from "./stack/parse-stack";
import type { ResourceModel, StackModel } from "./stack/stack-model";

/** More headers than this are refused with 431 (Node's parser would drop them silently). */
const MAX_HEADER_COUNT = 1000;

/** Options of {@link startLocalGateway}. */
export interface LocalGatewayOptions {
  /** The synthesized Terraform JSON, e.g. `cdktf.out/stacks/authorized-api/cdk.tf.json`. */
  readonly stackJsonPath: string;
  /** @default "127.0.0.1" */
  readonly host?: string;
  /** 0 picks a free port. @default 0 */
  readonly port?: number;
  /**
   * Serve HTTPS with this certificate and key (PEM). HSTS only takes effect in browsers over HTTPS.
   * @default - plain HTTP
   */
  readonly tls?: { readonly cert: string | Buffer; readonly key: string | Buffer };
  /**
   * Receives the start-up notes, one line per request, and every line the functions print.
   * @default - lines are written to stdout
   */
  readonly log?: (line: string) => void;
  /**
   * Environment variables that replace or add to a function's configuration, by function name — e.g. a
   * demo credential for an authorizer that reads its own from SSM in AWS.
   * @default - none
   */
  readonly environmentOverrides?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /**
   * The authorizer cache's clock, in epoch milliseconds; tests move it to expire entries without waiting.
   * @default Date.now
   */
  readonly now?: () => number;
  /**
   * Write one line per request (method, path, status, what answered, latency). Function output and start-up
   * notes are logged either way.
   * @default true
   */
  readonly requestLog?: boolean;
  /**
   * How long a client may take to send its headers, and its whole request, before it is answered 408 and
   * disconnected (slow or stalled clients, e.g. slowloris), and how often that is checked.
   * @default - headers 20 s, request 60 s, checked every 1 s
   */
  readonly clientTimeouts?: { readonly headersMs: number; readonly requestMs: number; readonly checkIntervalMs: number };
  /**
   * The most execution environments (worker threads, about 19 MB each) one function may have at once; past
   * it, invocations queue, each at most the function's timeout.
   * @default 8
   */
  readonly maxConcurrencyPerFunction?: number;
  /**
   * On close, how long requests in flight may take to finish before their connections are cut.
   * @default - the stack's longest integration timeout (API Gateway's 29 s unless it sets one)
   */
  readonly drainTimeoutMs?: number;
}

/** A running local gateway. */
export interface LocalGateway {
  /** `http://127.0.0.1:PORT` or `https://…` */
  readonly url: string;
  /** One URL per stage: `<url>/<stage>`, as a stage's invoke URL. */
  readonly stageUrls: string[];
  /**
   * Stops accepting connections, lets the requests in flight finish (within the drain timeout), then stops
   * the functions. Idle keep-alive connections are closed at once.
   */
  close(): Promise<void>;
}

const DEFAULT_CLIENT_TIMEOUTS = { headersMs: 20_000, requestMs: 60_000, checkIntervalMs: 1_000 };

/**
 * Serves the synthesized stack on this machine with API Gateway's authorizer and gateway-response
 * behaviour: it reads the stack JSON, runs the functions' bundles in worker threads, and answers over
 * HTTP or HTTPS.
 *
 * @throws StackError (before anything listens) when the stack uses something the local gateway cannot serve.
 */
export async function startLocalGateway(options: LocalGatewayOptions): Promise<LocalGateway> {
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const model = loadStack(options.stackJsonPath);
  const runner = new LambdaRunner(model.functions.values(), {
    region: model.region,
    environmentOverrides: options.environmentOverrides,
    maxConcurrencyPerFunction: options.maxConcurrencyPerFunction,
    onOutput: (functionName, line) => log(`  [${functionName}] ${line}`),
  });
  for (const [name] of Object.entries(options.environmentOverrides ?? {})) {
    if (![...model.functions.values()].some((fn) => fn.functionName === name)) {
      await runner.close();
      throw new Error(`environment override for ${JSON.stringify(name)}: the stack has no function of that name (it has ${[...model.functions.values()].map((fn) => fn.functionName).join(", ")})`);
    }
  }
  void runner.warmUp();
  const gateway = new Gateway(model, runner, { now: options.now });
  const host = options.host ?? "127.0.0.1";

  const requestLog = options.requestLog === false ? undefined : log;
  const inFlight = new InFlight();
  const listener = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    inFlight.track(res);
    if (req.rawHeaders.length > 2 * MAX_HEADER_COUNT) {
      // Refused rather than cut short: a credential past the limit must not become "missing".
      log(`${req.method} ${(req.url ?? "").split("?")[0].slice(0, 200)} 431 more than ${MAX_HEADER_COUNT} headers`);
      const body = JSON.stringify({ message: `Request header fields too large: more than ${MAX_HEADER_COUNT} headers` });
      res.writeHead(431, { "content-type": "application/json", "content-length": Buffer.byteLength(body), connection: "close" });
      res.end(body);
      return;
    }
    void serve(gateway, req, res, requestLog);
  };
  const timeouts = options.clientTimeouts ?? DEFAULT_CLIENT_TIMEOUTS;
  const serverOptions: http.ServerOptions = {
    headersTimeout: timeouts.headersMs,
    requestTimeout: timeouts.requestMs,
    connectionsCheckingInterval: timeouts.checkIntervalMs,
  };
  const server = options.tls ? https.createServer({ ...serverOptions, cert: options.tls.cert, key: options.tls.key }, listener) : http.createServer(serverOptions, listener);
  // Node drops headers past its count limit silently; the listener refuses them with 431 instead.
  server.maxHeadersCount = 0;
  server.on("clientError", (error: NodeJS.ErrnoException, socket: Duplex) => answerClientError(error, socket, log));
  const drainTimeoutMs = options.drainTimeoutMs ?? longestIntegrationTimeout(model);

  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(options.port ?? 0, host, () => {
        server.off("error", reject);
        resolve();
      });
    });
  } catch (error: unknown) {
    // The workers started above must not outlive a server that never listened.
    await runner.close();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  const url = `${options.tls ? "https" : "http"}://${host.includes(":") ? `[${host}]` : host}:${port}`;
  const stageUrls = model.stages.map((stage) => `${url}/${stage.name}`);
  for (const line of differenceLines(model.notes)) {
    log(line);
  }
  if (!options.tls) {
    log("  - served over plain HTTP: browsers ignore Strict-Transport-Security here; pass a certificate and key (or --self-signed) to serve HTTPS");
  }
  log("Endpoints:");
  for (const line of endpointLines(model, url)) {
    log(line);
  }

  return {
    url,
    stageUrls,
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      if (inFlight.size > 0) {
        log(`- - shutting down: waiting for ${inFlight.size} request(s) in flight (at most ${drainTimeoutMs} ms)`);
      }
      if (await inFlight.drained(drainTimeoutMs)) {
        log(`- - shut down: ${inFlight.size} request(s) still in flight after ${drainTimeoutMs} ms were cut off`);
      }
      server.closeAllConnections();
      await closed;
      await runner.close();
    },
  };
}

/** The longest integration timeout of the stack: how long a request in flight can take at most. */
function longestIntegrationTimeout(model: StackModel): number {
  let longest = 0;
  const visit = (resource: ResourceModel): void => {
    for (const method of resource.methods.values()) {
      if (method.integration.type === "AWS_PROXY") {
        longest = Math.max(longest, method.integration.timeoutMilliseconds);
      }
    }
    resource.children.forEach(visit);
  };
  visit(model.root);
  return Math.max(longest, 1_000);
}
