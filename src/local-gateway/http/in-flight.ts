import type * as http from "node:http";

/** Counts requests being answered, so a shutdown can wait for them to finish. */
export class InFlight {
  private count = 0;
  private waiters: (() => void)[] = [];

  /** Tracks a request until its response has been sent or its connection is gone. */
  track(res: http.ServerResponse): void {
    this.count += 1;
    res.once("close", () => {
      this.count -= 1;
      if (this.count === 0) {
        for (const waiter of this.waiters.splice(0)) {
          waiter();
        }
      }
    });
  }

  get size(): number {
    return this.count;
  }

  /** Resolves when no request is in flight, or `true` once `limitMs` has passed first. */
  drained(limitMs: number): Promise<boolean> {
    if (this.count === 0) {
      return Promise.resolve(false);
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(true), limitMs);
      this.waiters.push(() => {
        clearTimeout(timer);
        resolve(false);
      });
    });
  }
}
