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

  /**
   * Resolves once `count` timers of this delay are pending, checked every few milliseconds. Rejects, naming
   * what it waited for and what is pending, if that has not happened after 30 s: not a speed limit (what it
   * waits for — a worker thread starting — takes well under a second even on a loaded machine) but an end to a
   * test whose code never schedules the timer, which would otherwise poll until jest's own backstop.
   */
  async until(milliseconds: number, count = 1): Promise<void> {
    const giveUpAt = Date.now() + 30_000;
    while (this.delays().filter((delay) => delay === milliseconds).length < count) {
      if (Date.now() > giveUpAt) {
        throw new Error(`ManualTimers.until: ${count} timer(s) of ${milliseconds} ms never became pending; pending: [${this.delays().join(", ")}]`);
      }
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  }
}
