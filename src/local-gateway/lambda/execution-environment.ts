import type { Worker } from "node:worker_threads";

/** What one invocation produced. */
export type InvokeOutcome =
  | { readonly kind: "result"; readonly payload: unknown }
  | { readonly kind: "error"; readonly errorType: string; readonly errorMessage: string };

/** One invocation on its way through a function's pool: queued, handed to an environment, or running. */
export interface Call {
  /** Unique within the pool, never 0 (0 marks a free slot). */
  readonly id: number;
  readonly awsRequestId: string;
  /** `<id>\n<awsRequestId>\n<event JSON>`: what the worker needs, the slot aside. */
  readonly text: string;
  readonly resolve: (outcome: InvokeOutcome) => void;
  /** Cancels the timer that currently guards the call: its wait in the queue, or its timeout once it runs. */
  cancelTimer: () => void;
  /** Its slot in the environment that holds it. */
  slot: number;
}

/** The worker thread's side of a slot: the call it holds, negated once the worker has started it. */
const FREE = 0;

/**
 * One execution environment: a worker thread with the function's own `process.env`, and the calls handed to
 * it in order. The first is running (or will run as soon as the module has loaded); the others wait in the
 * thread, which runs them one at a time — Lambda's one invocation per environment — without going back to
 * sleep between them: waking a sleeping thread is what each hand-off costs (see docs/local-gateway.md).
 *
 * A call still waiting in the thread can be taken back, whatever the thread is doing (a handler stuck in a
 * busy loop included), through a slot in memory both threads share: the worker claims a call by swapping its
 * slot from the call's id to the negated id before running it; the pool takes it back by swapping the id to
 * free. Exactly one of the two swaps succeeds, so a call never runs after it was taken back and is never
 * taken back once it ran. Calls handed over in one turn of the event loop cross to the thread as one message.
 */
export class ExecutionEnvironment {
  /** Handed to the worker and neither answered nor taken back, in the order it runs them. */
  readonly calls: Call[] = [];
  dead = false;
  /** `true` once the module has loaded (or failed to: that failure is then each invocation's answer). */
  initialised = false;
  /** Set when the running call has not changed for a whole stall check: nothing more is handed to it. */
  stalled = false;
  /** The running call's id when the pool's stall check was armed (0: none). */
  headAtCheck = 0;
  /** Resolves when the module has loaded or failed to, or the environment has gone. */
  readonly loaded: Promise<void>;
  /** Resolves {@link loaded}. */
  readonly markLoaded: () => void;
  /** Cancels the init-limit timer while the module loads. */
  cancelInitTimer: (() => void) | undefined;
  private readonly slots: Int32Array;
  private readonly freeSlots: number[];
  private outbox: string[] = [];

  constructor(
    readonly worker: Worker,
    slotBuffer: SharedArrayBuffer,
  ) {
    let markLoaded = (): void => undefined;
    this.loaded = new Promise((resolve) => {
      markLoaded = resolve;
    });
    this.markLoaded = markLoaded;
    this.slots = new Int32Array(slotBuffer);
    this.freeSlots = Array.from({ length: this.slots.length }, (_, index) => this.slots.length - 1 - index);
  }

  /** How many calls it can hold at once. */
  get depth(): number {
    return this.slots.length;
  }

  /** Hands a call to the worker (sent with the others handed over in this turn of the event loop). */
  hand(call: Call): void {
    const slot = this.freeSlots.pop();
    if (slot === undefined) {
      throw new Error(`execution environment: no free slot for call ${call.id} (depth ${this.depth})`);
    }
    call.slot = slot;
    Atomics.store(this.slots, slot, call.id);
    this.calls.push(call);
    this.outbox.push(`${slot}\n${call.text}`);
    if (this.outbox.length === 1) {
      setImmediate(() => this.flush());
    }
  }

  /** Removes the running call once it has been answered (or timed out); `undefined` if `id` is not it. */
  finishHead(id: number): Call | undefined {
    const head = this.calls[0];
    if (head === undefined || head.id !== id) {
      return undefined;
    }
    this.calls.shift();
    Atomics.store(this.slots, head.slot, FREE);
    this.freeSlots.push(head.slot);
    this.stalled = false;
    return head;
  }

  /**
   * Takes back the calls the worker has not started, all of them or all but the first (which then keeps its
   * place whether it has started or is waiting for the module to load). Returns them; the others stay.
   */
  takeBackWaiting(keepHead: boolean): Call[] {
    const taken: Call[] = [];
    for (let index = this.calls.length - 1; index >= (keepHead ? 1 : 0); index -= 1) {
      const call = this.calls[index];
      if (Atomics.compareExchange(this.slots, call.slot, call.id, FREE) === call.id) {
        this.calls.splice(index, 1);
        this.freeSlots.push(call.slot);
        taken.unshift(call);
      }
    }
    return taken;
  }

  /** Empties the environment: every call it held, started or not. */
  drain(): Call[] {
    const all = this.calls.splice(0);
    this.outbox = [];
    return all;
  }

  private flush(): void {
    const batch = this.outbox;
    this.outbox = [];
    if (!this.dead && batch.length > 0) {
      // NUL cannot occur in JSON text (JSON.stringify escapes control characters) nor in a request id.
      this.worker.postMessage(batch.join("\u0000"));
    }
  }
}
