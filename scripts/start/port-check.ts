import * as net from "node:net";
import { StartError } from "./start-error";

/**
 * Fails early — before a synth that would be wasted — when the port cannot be listened on. The port is
 * released again at once; another process could still take it before the gateway listens, which the
 * gateway then reports itself.
 *
 * @throws StartError naming the port and the way out (`--port 0`).
 */
export function assertPortFree(host: string, port: number): Promise<void> {
  if (port === 0) {
    return Promise.resolve();
  }
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", (error: NodeJS.ErrnoException) => {
      const where = `port ${port} on ${host}`;
      if (error.code === "EADDRINUSE") {
        reject(new StartError(`${where} is already in use (another npm start?): pass --port 0 to pick a free port, or --port <n> (or PORT=<n>)`));
      } else if (error.code === "EACCES") {
        reject(new StartError(`${where} needs privileges this user does not have: pass --port 0 to pick a free port, or a port above 1023`));
      } else {
        reject(new StartError(`cannot listen on ${where}: ${error.message}`));
      }
    });
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve()));
  });
}
