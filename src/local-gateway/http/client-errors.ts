import type { Duplex } from "node:stream";

/**
 * Requests Node's HTTP parser refuses get a clear answer, and a log line:
 *
 * - headers over the parser's size limit → 431;
 * - headers or the whole request not received in time (a slow or stalled client, e.g. slowloris) → 408;
 * - anything else unparseable → 400.
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Duplex, log: (line: string) => void): void {
  if (error.code === "ECONNRESET") {
    return;
  }
  const [status, message] = answerFor(error.code);
  log(`- - ${status.slice(0, 3)} refused by the HTTP server (${error.code ?? error.message})`);
  if (socket.writable) {
    writeAndClose(socket, status, message);
  } else {
    socket.destroy();
  }
}

/** A JSON answer of the server itself, on a connection that is closed after it. */
export function writeAndClose(socket: Duplex, status: string, message: string): void {
  const body = JSON.stringify({ message });
  socket.end(`HTTP/1.1 ${status}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
}

function answerFor(code: string | undefined): [status: string, message: string] {
  switch (code) {
    case "HPE_HEADER_OVERFLOW":
      return ["431 Request Header Fields Too Large", "Request header fields too large"];
    case "ERR_HTTP_REQUEST_TIMEOUT":
      return ["408 Request Timeout", "Request timed out"];
    default:
      return ["400 Bad Request", `Bad Request: ${code ?? "unparseable request"}`];
  }
}
