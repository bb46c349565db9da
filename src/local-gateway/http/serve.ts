import type * as http from "node:http";
import type { Gateway, GatewayReply } from "../gateway";
import { firstRawHeader } from "./raw-header";
import { readBody } from "./read-body";
import { ResponseBatch } from "./response-batch";

/** Answers one HTTP request through the gateway's request path, and logs it on one line. */
export async function serve(gateway: Gateway, req: http.IncomingMessage, res: http.ServerResponse, log: ((line: string) => void) | undefined): Promise<void> {
  const started = process.hrtime.bigint();
  const receivedAt = Date.now();
  try {
    const { body, tooLarge } = await readBody(req);
    const reply = await gateway.handle(
      {
        method: req.method ?? "GET",
        url: req.url ?? "/",
        rawHeaders: req.rawHeaders,
        body,
        bodyTooLarge: tooLarge,
        remoteAddress: req.socket.remoteAddress ?? "",
        httpVersion: req.httpVersion,
        receivedAt,
        connection: { port: req.socket.localPort ?? 0, encrypted: "encrypted" in req.socket && req.socket.encrypted === true },
      },
      firstRawHeader(req.rawHeaders, "host") ?? "localhost",
    );
    RESPONSES.add(res, reply, (error) => answerDefect(req, res, error, log));
    if (log !== undefined) {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const via = reply.authorizer ? ` authorizer=${reply.authorizer}` : "";
      const detail = reply.detail ? ` (${reply.detail})` : "";
      log(`${req.method} ${pathOf(req)} ${reply.response.statusCode} ${reply.answeredBy}${via} ${ms.toFixed(1)}ms${detail}`);
    }
  } catch (error: unknown) {
    answerDefect(req, res, error, log);
  }
}

/** A defect of the local gateway itself: answer, say so, and keep serving. */
function answerDefect(req: http.IncomingMessage, res: http.ServerResponse, error: unknown, log: ((line: string) => void) | undefined): void {
  const message = error instanceof Error ? error.message : String(error);
  log?.(`${req.method} ${pathOf(req)} 500 local gateway error: ${message}`);
  if (!res.headersSent) {
    write(res, {
      response: { statusCode: 500, headers: [["content-type", "application/json"]], body: Buffer.from(JSON.stringify({ message: `local gateway error: ${message}` }), "utf8") },
      answeredBy: "local gateway error",
    });
  } else {
    res.destroy();
  }
}

/** The path for the log: never the query string, which may hold a credential. */
function pathOf(req: http.IncomingMessage): string {
  return (req.url ?? "").split("?")[0].slice(0, 200);
}

const RESPONSES = new ResponseBatch(write);

function write(res: http.ServerResponse, reply: GatewayReply): void {
  const flat: string[] = [];
  for (const [name, value] of reply.response.headers) {
    flat.push(name, value);
  }
  flat.push("content-length", String(reply.response.body.length));
  res.writeHead(reply.response.statusCode, flat);
  res.end(reply.response.body);
}
