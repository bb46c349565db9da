import type * as http from "node:http";
import type { GatewayReply } from "../gateway";

/** A response ready to be written, and what to do should writing it throw. */
interface Pending {
  readonly res: http.ServerResponse;
  readonly reply: GatewayReply;
  readonly onError: (error: unknown) => void;
}

/**
 * Writes the responses completed in one turn of the event loop together, at the end of its I/O phase
 * (`setImmediate`), instead of each as soon as it is ready.
 *
 * Why: writing a response to a client that is waiting for it wakes that client; on a virtual machine waking
 * an idle process costs more than everything else the gateway does for a 401 (the socket write was 55 µs of
 * the main thread's time per request in a CPU profile under load, the request path 29). Several responses
 * written back to back pay for one wake-up. Measured with the benchmark's load (10 connections, two gateways
 * in alternating rounds): the 403 path served 19.1k requests/s against 13.6k, the 401 path 15.6k against
 * 13.0k (docs/local-gateway.md, Speed). A lone request waits only for the rest of its turn of the loop.
 */
export class ResponseBatch {
  private pending: Pending[] = [];

  constructor(private readonly write: (res: http.ServerResponse, reply: GatewayReply) => void) {}

  add(res: http.ServerResponse, reply: GatewayReply, onError: (error: unknown) => void): void {
    this.pending.push({ res, reply, onError });
    if (this.pending.length === 1) {
      setImmediate(() => this.flush());
    }
  }

  private flush(): void {
    const batch = this.pending;
    this.pending = [];
    for (const { res, reply, onError } of batch) {
      try {
        this.write(res, reply);
      } catch (error: unknown) {
        // One response that cannot be written (a header Node refuses) must not keep the others unwritten.
        onError(error);
      }
    }
  }
}
