import type * as http from "node:http";
import { firstRawHeader } from "./raw-header";

/** API Gateway's payload limit. */
export const MAX_BODY_BYTES = 10 * 1024 * 1024;

/** The request body; past the payload limit, the rest is read and dropped and `tooLarge` is set. */
export function readBody(req: http.IncomingMessage): Promise<{ body: Buffer; tooLarge: boolean }> {
  if (firstRawHeader(req.rawHeaders, "content-length") === undefined && firstRawHeader(req.rawHeaders, "transfer-encoding") === undefined) {
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
