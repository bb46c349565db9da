import * as http from "node:http";
import * as https from "node:https";
import * as net from "node:net";
import type { LeafCertificate } from "./local-ca";

/** A server on one 127.0.0.1 port that answers both HTTPS and plain HTTP, never with HSTS. */
export interface ControlServer {
  readonly port: number;
  close(): Promise<void>;
}

/** The first byte of a TLS ClientHello record (content type "handshake"). */
const TLS_HANDSHAKE = 0x16;

/**
 * The control for the HSTS check: same CA, same kind of port, same navigations as the gateway, but no
 * `Strict-Transport-Security`. Both protocols share one port (told apart by the first byte) so that the
 * `http://` navigation reaches a real server: without HSTS the browser must send it over the network and
 * land on `http://`.
 */
export async function startControlServer(certificate: LeafCertificate): Promise<ControlServer> {
  const answer = (scheme: string): http.RequestListener => (_request, response) => {
    response.writeHead(200, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" });
    response.end(`control over ${scheme}: no Strict-Transport-Security`);
  };
  const plain = http.createServer(answer("http"));
  const secure = https.createServer(certificate, answer("https"));
  const sockets = new Set<net.Socket>();
  const front = net.createServer((socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
    socket.once("data", (first: Buffer) => {
      socket.pause();
      socket.unshift(first);
      (first[0] === TLS_HANDSHAKE ? secure : plain).emit("connection", socket);
      process.nextTick(() => socket.resume());
    });
  });
  await new Promise<void>((resolve, reject) => {
    front.once("error", reject);
    front.listen(0, "127.0.0.1", () => resolve());
  });
  const address = front.address();
  if (address === null || typeof address === "string") throw new Error("control server has no TCP address");
  return {
    port: address.port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        front.close((error) => (error ? reject(error) : resolve()));
        for (const socket of sockets) socket.destroy();
      }),
  };
}
