import type { Duplex } from "node:stream";

/** Requests Node's parser refuses (oversized headers, broken request lines) get a clear answer. */
export function answerClientError(error: NodeJS.ErrnoException, socket: Duplex, log: (line: string) => void): void {
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
