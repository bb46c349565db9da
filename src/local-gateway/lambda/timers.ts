/**
 * The timers the Lambda runner uses for the function timeout, the init limit and the queue. Replaceable,
 * so tests decide when a timeout happens instead of racing the machine's speed.
 */
export interface Timers {
  /** Calls `callback` after `milliseconds`; returns a function that cancels it. */
  schedule(milliseconds: number, callback: () => void): () => void;
}

/** Node's own timers. */
export const REAL_TIMERS: Timers = {
  schedule(milliseconds, callback) {
    const timer = setTimeout(callback, milliseconds);
    return () => clearTimeout(timer);
  },
};
