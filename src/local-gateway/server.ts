import * as http from "node:http";
import * as https from "node:https";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import { Gateway, GatewayReply } from "./gateway";
import { MalformedRequestError, parseIncomingRequest } from "./parse/incoming-request";
import { endpointLines } from "./endpoints";
import { differenceLines } from "./known-differences";
import { LambdaRunner } from "./lambda/lambda-runner";
import { loadStack } from "./stack/parse-stack";

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
}

/** A running local gateway. */
export interface LocalGateway {
  /** `http://127.0.0.1:PORT` or `https://…` */
  readonly url: string;
  /** One URL per stage: `<url>/<stage>`, as a stage's invoke URL. */
  readonly stageUrls: string[];
  close(): Promise<void>;
}

/** API Gateway's payload limit. */
const MAX_BODY_BYTES = 10 * 1024 * 1024;

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
    onOutput: (functionName, line) => log(`  [${functionName}] ${line}`),
  });
  for (const [name] of Object.entries(options.environmentOverrides ?? {})) {
    if (![...model.functions.values()].some((fn) => fn.functionName === name)) {
      await runner.close();
      throw new Error(`environment override for ${JSON.stringify(name)}: the stack has no function of that name (it has ${[...model.functions.values()].map((fn) => fn.functionName).join(", ")})`);
    }
  }
  runner.warmUp();
  const gateway = new Gateway(model, runner, { now: options.now });
  const host = options.host ?? "127.0.0.1";

  const listener = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    void serve(gateway, req, res, log);
  };
  const server = options.tls ? https.createServer({ cert: options.tls.cert, key: options.tls.key }, listener) : http.createServer(listener);
  server.on("clientError", (error: NodeJS.ErrnoException, socket: Duplex) => answerClientError(error, socket, log));

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
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await runner.close();
    },
  };
}

async function serve(gateway: Gateway, req: http.IncomingMessage, res: http.ServerResponse, log: (line: string) => void): Promise<void> {
  const started = process.hrtime.bigint();
  const receivedAt = Date.now();
  const path = (req.url ?? "").split("?")[0];
  try {
    const { body, tooLarge } = await readBody(req);
    let reply: GatewayReply;
    try {
      const request = parseIncomingRequest({
        method: req.method ?? "GET",
        url: req.url ?? "/",
        rawHeaders: req.rawHeaders,
        body,
        bodyTooLarge: tooLarge,
        remoteAddress: req.socket.remoteAddress ?? "",
        httpVersion: req.httpVersion,
        receivedAt,
      });
      reply = await gateway.handle(request, req.headers.host ?? "localhost");
    } catch (error: unknown) {
      if (!(error instanceof MalformedRequestError)) {
        throw error;
      }
      reply = localError(400, `Bad Request: ${error.message}`, "malformed request");
    }
    write(res, reply);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    const via = reply.authorizer ? ` authorizer=${reply.authorizer}` : "";
    const detail = reply.detail ? ` (${reply.detail})` : "";
    log(`${req.method} ${path.slice(0, 200)} ${reply.response.statusCode} ${reply.answeredBy}${via} ${ms.toFixed(1)}ms${detail}`);
  } catch (error: unknown) {
    // A defect of the local gateway itself: answer, say so, and keep serving.
    const message = error instanceof Error ? error.message : String(error);
    log(`${req.method} ${path.slice(0, 200)} 500 local gateway error: ${message}`);
    if (!res.headersSent) {
      write(res, localError(500, `local gateway error: ${message}`, "local gateway error"));
    } else {
      res.destroy();
    }
  }
}

function readBody(req: http.IncomingMessage): Promise<{ body: Buffer; tooLarge: boolean }> {
  if (req.headers["content-length"] === undefined && req.headers["transfer-encoding"] === undefined) {
    // No body can follow (RFC 9112 §6.3); answering without waiting for 'end' saves a turn of the loop.
    req.resume();
    return Promise.resolve({ body: Buffer.alloc(0), tooLarge: false });
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        tooLarge = true;
        chunks.length = 0;
      } else {
        chunks.push(chunk);
      }
    });
    req.on("end", () => resolve({ body: tooLarge ? Buffer.alloc(0) : Buffer.concat(chunks), tooLarge }));
    req.on("error", reject);
  });
}

function write(res: http.ServerResponse, reply: GatewayReply): void {
  const flat: string[] = [];
  for (const [name, value] of reply.response.headers) {
    flat.push(name, value);
  }
  flat.push("content-length", String(reply.response.body.length));
  res.writeHead(reply.response.statusCode, flat);
  res.end(reply.response.body);
}

/** An answer of the local server itself, for what never reaches API Gateway's request path. */
function localError(statusCode: number, message: string, answeredBy: string): GatewayReply {
  return {
    response: { statusCode, headers: [["content-type", "application/json"]], body: Buffer.from(JSON.stringify({ message }), "utf8") },
    answeredBy,
  };
}

/** Requests Node's parser refuses (oversized headers, broken request lines) get a clear answer. */
function answerClientError(error: NodeJS.ErrnoException, socket: Duplex, log: (line: string) => void): void {
  if (error.code === "ECONNRESET") {
    return;
  }
  const tooLarge = error.code === "HPE_HEADER_OVERFLOW";
  const status = tooLarge ? "431 Request Header Fields Too Large" : "400 Bad Request";
  const message = tooLarge ? "Request header fields too large" : `Bad Request: ${error.code ?? "unparseable request"}`;
  log(`- - ${status.slice(0, 3)} refused by the HTTP parser (${error.code ?? error.message})`);
  if (socket.writable) {
    const body = JSON.stringify({ message });
    socket.end(`HTTP/1.1 ${status}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
  } else {
    socket.destroy();
  }
}
