import * as http from "node:http";
import * as https from "node:https";
import * as net from "node:net";

/** A response as a test reads it: header names lower case, body as text. */
export interface HttpReply {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly body: string;
}

/** Sends one request over a fresh connection and reads the whole response. */
export function send(
  url: string,
  options: { method?: string; headers?: Record<string, string> | string[]; body?: string; ca?: Buffer | string } = {},
): Promise<HttpReply> {
  const target = new URL(url);
  const client = target.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.request(
      target,
      {
        method: options.method ?? "GET",
        // Given as a list (to repeat a header), Node's client adds no Host header of its own.
        headers: Array.isArray(options.headers) ? ["Host", target.host, ...options.headers] : options.headers,
        agent: false,
        ca: options.ca,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => {
          const headers: Record<string, string> = {};
          for (const [name, value] of Object.entries(response.headers)) {
            headers[name] = Array.isArray(value) ? value.join(", ") : value ?? "";
          }
          resolve({ status: response.statusCode ?? 0, headers, body: Buffer.concat(chunks).toString("utf8") });
        });
        response.on("error", reject);
      },
    );
    request.on("error", reject);
    request.end(options.body);
  });
}

/**
 * Writes raw bytes to the server and returns everything it answers until it closes the connection (send
 * `Connection: close`, or something it refuses). The client does not half-close first: Node's server
 * aborts a request whose client has, before an asynchronous answer is written.
 */
export function sendRaw(url: string, text: string): Promise<string> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(target.port), target.hostname, () => socket.write(text));
    const chunks: Buffer[] = [];
    socket.on("data", (chunk: Buffer) => chunks.push(chunk));
    socket.on("close", () => resolve(Buffer.concat(chunks).toString("utf8")));
    socket.on("error", reject);
  });
}
