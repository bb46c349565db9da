import type { Timers } from "../../src/local-gateway/lambda/timers";

/** Timers that fire only when a test says so: timeouts without racing the machine's speed. */
export class ManualTimers implements Timers {
  private readonly pending = new Set<{ readonly milliseconds: number; readonly callback: () => void }>();

  schedule(milliseconds: number, callback: () => void): () => void {
    const timer = { milliseconds, callback };
    this.pending.add(timer);
    return () => this.pending.delete(timer);
  }

  /** The delays of the timers waiting to fire. */
  delays(): number[] {
    return [...this.pending].map((timer) => timer.milliseconds);
  }

  /** Fires every pending timer of this delay. */
  fire(milliseconds: number): void {
    for (const timer of [...this.pending]) {
      if (timer.milliseconds === milliseconds) {
        this.pending.delete(timer);
        timer.callback();
      }
    }
  }

  /** Fires the most recently scheduled pending timer of this delay. */
  fireLast(milliseconds: number): void {
    const timer = [...this.pending].reverse().find((candidate) => candidate.milliseconds === milliseconds);
    if (timer !== undefined) {
      this.pending.delete(timer);
      timer.callback();
    }
  }

  /** Resolves once a timer of this delay is pending (checked between turns of the event loop). */
  async until(milliseconds: number, count = 1): Promise<void> {
    while (this.delays().filter((delay) => delay === milliseconds).length < count) {
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
}
