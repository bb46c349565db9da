import { Worker } from "node:worker_threads";
import { functionArn } from "../local-ids";
import type { FunctionModel } from "../stack/stack-model";
import { eventText } from "./event-json";
import { Call, ExecutionEnvironment, InvokeOutcome } from "./execution-environment";
import { LAMBDA_WORKER_SOURCE } from "./lambda-worker-source";
import type { Timers } from "./timers";

export type { InvokeOutcome };

/** Lambda's limit on the init phase (loading the module), separate from the function's timeout. */
export const INIT_LIMIT_MS = 10_000;

/** What a pool needs beyond the function itself. */
export interface PoolSettings {
  readonly region: string;
  readonly maxConcurrency: number;
  /** Environments started as soon as an invocation finds the others busy. */
  readonly eagerEnvironments: number;
  /**
   * How long a running invocation may hold its environment before the invocations handed to it behind that
   * one are taken back; and, past `eagerEnvironments`, how long invocations wait with every environment busy
   * and none freed before another starts.
   */
  readonly scaleUpAfterMs: number;
  /** The most invocations one environment holds at once, the running one included (1: no hand-over in advance). */
  readonly pipelineDepth: number;
  readonly timers: Timers;
  readonly onOutput?: (functionName: string, line: string) => void;
}

const SHUTDOWN: InvokeOutcome = { kind: "error", errorType: "Runtime.Shutdown", errorMessage: "the local gateway is shutting down" };
// Lambda's answer when a function's concurrency is used up (Invoke API: TooManyRequestsException).
const THROTTLED: InvokeOutcome = { kind: "error", errorType: "TooManyRequestsException", errorMessage: "Rate Exceeded." };
// Ids live in an Int32Array slot, negated once started: positive 31-bit integers, 0 excluded.
const MAX_ID = 0x7fffffff;

/**
 * The execution environments of one function, one invocation running at a time in each (Lambda's model),
 * kept warm and added up to the function's concurrency:
 *
 * - an invocation goes to an idle environment; else to a new one while there are fewer than
 *   `eagerEnvironments` (the machine's cores: that many run side by side); else it is handed in advance to
 *   the least loaded environment that has loaded its module and whose running invocation is not stalled, up
 *   to `pipelineDepth` per environment, to run there next — the thread then goes from one invocation to the
 *   next without being put to sleep and woken for each, which is most of what a hand-off costs;
 * - an environment whose running invocation has not changed for a whole check (`scaleUpAfterMs`, 50 ms by
 *   default) is stalled: the invocations waiting in it are taken back (a slot swap the thread cannot miss,
 *   see {@link ExecutionEnvironment}) and go to another environment — a new one at once, having waited that
 *   long — so a hanging invocation holds only its own environment, as on Lambda;
 * - with every environment full or stalled, invocations queue in order, and another environment starts
 *   when none has been freed for `scaleUpAfterMs`: a burst of quick invocations is served by the warm ones
 *   (more threads than cores would only add memory, about 19 MB each, and thread switches);
 * - one that waits in that queue longer than the function's timeout is refused as Lambda refuses a
 *   throttled call, so callers stuck behind hanging invocations are answered instead of piling up.
 */
export class FunctionPool {
  private readonly all = new Set<ExecutionEnvironment>();
  private readonly idle: ExecutionEnvironment[] = [];
  private readonly waiting: Call[] = [];
  private nextId = 1;
  private closed = false;
  /** Cancels the pending scale-up check's timer, if one is armed. */
  private cancelScaleUp: (() => void) | undefined;
  /** Identifies the armed scale-up check: bumped by a release or a close, which void a check still pending. */
  private scaleUpCheck = 0;
  /** Cancels the pending stall check's timer, if one is armed. */
  private cancelStallCheck: (() => void) | undefined;

  constructor(
    private readonly fn: FunctionModel,
    private readonly settings: PoolSettings,
    private readonly env: Record<string, string>,
  ) {}

  /** Starts one environment if there is none; resolves once the environments have loaded the module (or failed to). */
  warmUp(): Promise<void> {
    if (this.all.size === 0) {
      this.idle.push(this.spawn());
    }
    return Promise.all([...this.all].map((environment) => environment.loaded)).then(() => undefined);
  }

  invoke(event: unknown, awsRequestId: string): Promise<InvokeOutcome> {
    if (this.closed) {
      return Promise.resolve(SHUTDOWN);
    }
    const id = this.nextId;
    this.nextId = id === MAX_ID ? 1 : id + 1;
    return new Promise<InvokeOutcome>((resolve) => {
      // One string crosses the thread boundary: cloning a string is far cheaper than cloning an object.
      const call: Call = { id, awsRequestId, text: `${id}\n${awsRequestId}\n${eventText(event)}`, resolve, cancelTimer: () => undefined, slot: -1 };
      this.place(call, false);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    this.disarmScaleUp();
    this.cancelStallCheck?.();
    this.cancelStallCheck = undefined;
    for (const call of this.waiting.splice(0)) {
      call.cancelTimer();
      call.resolve(SHUTDOWN);
    }
    const environments = [...this.all];
    this.all.clear();
    this.idle.length = 0;
    await Promise.all(
      environments.map((environment) => {
        environment.dead = true;
        environment.markLoaded();
        environment.cancelInitTimer?.();
        for (const call of environment.drain()) {
          call.cancelTimer();
          call.resolve(SHUTDOWN);
        }
        return environment.worker.terminate();
      }),
    );
  }

  /**
   * Finds an environment for the call, in the order the class comment gives. `waited`: it was taken back
   * from a stalled environment, so it has waited `scaleUpAfterMs` with none freed and may start one at once.
   */
  private place(call: Call, waited: boolean): void {
    if (this.closed) {
      call.resolve(SHUTDOWN);
      return;
    }
    const idle = this.idle.pop();
    if (idle !== undefined) {
      this.hand(idle, call);
      return;
    }
    if (this.all.size < Math.min(this.settings.eagerEnvironments, this.settings.maxConcurrency) || (waited && this.all.size < this.settings.maxConcurrency)) {
      this.hand(this.spawn(), call);
      return;
    }
    let least: ExecutionEnvironment | undefined;
    for (const environment of this.all) {
      // Not to one still loading its module: a call waits for a cold start only in the queue, where it can start another environment.
      if (environment.initialised && !environment.dead && !environment.stalled && environment.calls.length < environment.depth && (least === undefined || environment.calls.length < least.calls.length)) {
        least = environment;
      }
    }
    if (least !== undefined) {
      this.hand(least, call);
      return;
    }
    call.cancelTimer = this.settings.timers.schedule(this.fn.timeoutSeconds * 1000, () => {
      const index = this.waiting.indexOf(call);
      if (index >= 0) {
        this.waiting.splice(index, 1);
        call.resolve(THROTTLED);
      }
    });
    this.waiting.push(call);
    this.armScaleUp();
  }

  private hand(environment: ExecutionEnvironment, call: Call): void {
    environment.hand(call);
    if (environment.calls.length === 1) {
      this.startHead(environment);
    } else {
      this.armStallCheck();
    }
  }

  /** The running call's clock: the init limit while the module loads, then the function's timeout. */
  private startHead(environment: ExecutionEnvironment): void {
    const head = environment.calls[0];
    if (head === undefined || environment.dead) {
      return;
    }
    if (!environment.initialised) {
      environment.cancelInitTimer ??= this.settings.timers.schedule(INIT_LIMIT_MS, () => {
        environment.cancelInitTimer = undefined;
        this.failAll(environment, { kind: "error", errorType: "Sandbox.Timedout", errorMessage: `the init phase took longer than ${INIT_LIMIT_MS / 1000} seconds` });
      });
      return;
    }
    // The timeout clock starts with the invocation, as Lambda's does: not while the module loads or it waits.
    head.cancelTimer = this.settings.timers.schedule(this.fn.timeoutSeconds * 1000, () => {
      if (environment.finishHead(head.id) === undefined) {
        return;
      }
      head.resolve({
        kind: "error",
        errorType: "Sandbox.Timedout",
        errorMessage: `${new Date().toISOString()} ${head.awsRequestId} Task timed out after ${this.fn.timeoutSeconds.toFixed(2)} seconds`,
      });
      // A handler stuck in a busy loop cannot be interrupted otherwise.
      this.discard(environment, undefined);
    });
  }

  /**
   * Marks stalled every environment whose running call is the one it ran when the check was armed, and
   * takes back what waits in it; armed while some environment holds calls beyond the running one.
   */
  private armStallCheck(): void {
    if (this.cancelStallCheck !== undefined || this.closed) {
      return;
    }
    for (const environment of this.all) {
      environment.headAtCheck = environment.calls[0]?.id ?? 0;
    }
    this.cancelStallCheck = this.settings.timers.schedule(this.settings.scaleUpAfterMs, () => {
      // After the event loop's I/O phase, as the scale-up check: replies that arrived meanwhile count first.
      setImmediate(() => {
        this.cancelStallCheck = undefined;
        if (this.closed) {
          return;
        }
        const takenBack: Call[] = [];
        let stillPipelined = false;
        for (const environment of this.all) {
          const head = environment.calls[0];
          // One still loading its module holds only its first call (see place), guarded by the init limit.
          if (environment.initialised && head !== undefined && head.id === environment.headAtCheck) {
            environment.stalled = true;
            takenBack.push(...environment.takeBackWaiting(true));
          }
          stillPipelined ||= environment.calls.length > 1;
        }
        for (const call of takenBack) {
          call.cancelTimer();
          this.place(call, true);
        }
        if (stillPipelined) {
          this.armStallCheck();
        }
      });
    });
  }

  /** Starts another environment for the first waiting call once none has been freed for `scaleUpAfterMs`. */
  private armScaleUp(): void {
    if (this.cancelScaleUp !== undefined || this.closed || this.waiting.length === 0 || this.all.size >= this.settings.maxConcurrency) {
      return;
    }
    this.scaleUpCheck += 1;
    const check = this.scaleUpCheck;
    this.cancelScaleUp = this.settings.timers.schedule(this.settings.scaleUpAfterMs, () => {
      // Checked after the event loop's I/O phase: replies that arrived while this thread was busy (a long
      // garbage collection) free their environments first, and then no new one is needed.
      setImmediate(() => {
        if (check !== this.scaleUpCheck) {
          return;
        }
        this.cancelScaleUp = undefined;
        const call = this.all.size < this.settings.maxConcurrency ? this.waiting.shift() : undefined;
        if (call !== undefined) {
          call.cancelTimer();
          this.hand(this.spawn(), call);
        }
        this.armScaleUp();
      });
    });
  }

  private disarmScaleUp(): void {
    this.scaleUpCheck += 1;
    this.cancelScaleUp?.();
    this.cancelScaleUp = undefined;
  }

  /** An environment has room again: the queue's first calls go to it, or it joins the idle ones. */
  private release(environment: ExecutionEnvironment): void {
    if (this.closed || environment.dead) {
      return;
    }
    if (this.waiting.length === 0) {
      if (environment.calls.length === 0 && !this.idle.includes(environment)) {
        this.idle.push(environment);
      }
      return;
    }
    this.disarmScaleUp();
    while (this.waiting.length > 0 && environment.calls.length < environment.depth) {
      const call = this.waiting.shift() as Call;
      call.cancelTimer();
      this.hand(environment, call);
    }
    this.armScaleUp();
  }

  /**
   * Ends an environment. Calls it had not started go elsewhere; one it had started gets `outcome` (the
   * running one was already answered when `outcome` is undefined).
   */
  private discard(environment: ExecutionEnvironment, outcome: InvokeOutcome | undefined): void {
    if (environment.dead) {
      return;
    }
    environment.dead = true;
    environment.markLoaded();
    environment.cancelInitTimer?.();
    environment.cancelInitTimer = undefined;
    this.all.delete(environment);
    const index = this.idle.indexOf(environment);
    if (index >= 0) {
      this.idle.splice(index, 1);
    }
    const notStarted = environment.takeBackWaiting(false);
    const started = environment.drain();
    void environment.worker.terminate();
    const ended = outcome ?? { kind: "error", errorType: "Runtime.ExitError", errorMessage: "RequestId: the execution environment was stopped" };
    for (const call of started) {
      call.cancelTimer();
      call.resolve(ended);
    }
    for (const call of notStarted) {
      call.cancelTimer();
      this.place(call, true);
    }
    // A call queued for want of an environment gets this one's replacement.
    const next = this.closed || this.all.size >= this.settings.maxConcurrency ? undefined : this.waiting.shift();
    if (next !== undefined) {
      next.cancelTimer();
      this.disarmScaleUp();
      this.hand(this.spawn(), next);
      this.armScaleUp();
    }
  }

  /** The module never loaded: every call handed to the environment gets why, and the environment goes. */
  private failAll(environment: ExecutionEnvironment, outcome: InvokeOutcome): void {
    for (const call of environment.drain()) {
      call.cancelTimer();
      call.resolve(outcome);
    }
    this.discard(environment, outcome);
  }

  private spawn(): ExecutionEnvironment {
    const slots = new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT * Math.max(1, this.settings.pipelineDepth));
    const worker = new Worker(LAMBDA_WORKER_SOURCE, {
      eval: true,
      env: this.env,
      // The bundles run on plain Node, as on Lambda: no loader flags (tsx…) of the host process.
      execArgv: [],
      workerData: {
        codeDirectory: this.fn.codeDirectory,
        handlerModule: this.fn.handlerModule,
        handlerExport: this.fn.handlerExport,
        timeoutMs: this.fn.timeoutSeconds * 1000,
        slots,
        context: {
          functionName: this.fn.functionName,
          functionVersion: "$LATEST",
          invokedFunctionArn: functionArn(this.settings.region, this.fn.functionName),
          memoryLimitInMB: String(this.fn.memorySizeMb),
          logGroupName: `/aws/lambda/${this.fn.functionName}`,
          logStreamName: "local",
        },
      },
      stdout: true,
      stderr: true,
      // The function's memory size bounds the heap, so a leak fails here as it would on Lambda; a young
      // generation in proportion (4 MB for 128 MB) keeps idle environments from holding V8's default 16–48 MB
      // of garbage each.
      resourceLimits: { maxOldGenerationSizeMb: Math.max(32, this.fn.memorySizeMb), maxYoungGenerationSizeMb: Math.min(16, Math.max(2, Math.round(this.fn.memorySizeMb / 32))) },
    });
    const environment = new ExecutionEnvironment(worker, slots);
    this.all.add(environment);
    forwardLines(worker.stdout, (line) => this.settings.onOutput?.(this.fn.functionName, line));
    forwardLines(worker.stderr, (line) => this.settings.onOutput?.(this.fn.functionName, line));
    worker.on("message", (text: string) => {
      if (environment.dead) {
        return;
      }
      if (text === "ready") {
        environment.initialised = true;
        environment.markLoaded();
        environment.cancelInitTimer?.();
        environment.cancelInitTimer = undefined;
        this.startHead(environment);
        this.release(environment);
        return;
      }
      const reply = JSON.parse(text) as WorkerReply;
      const call = environment.finishHead(reply.id);
      if (call === undefined) {
        return;
      }
      call.cancelTimer();
      call.resolve(reply.ok ? { kind: "result", payload: reply.result } : { kind: "error", errorType: reply.errorType, errorMessage: reply.errorMessage });
      this.startHead(environment);
      this.release(environment);
    });
    const crashed = (outcome: InvokeOutcome): void => {
      if (environment.initialised) {
        // The running invocation gets the crash; those waiting behind it never ran and go elsewhere.
        this.discard(environment, outcome);
      } else {
        this.failAll(environment, outcome);
      }
    };
    worker.on("error", (error: Error) => {
      crashed({ kind: "error", errorType: error.name === "Error" ? "Runtime.UncaughtException" : error.name, errorMessage: error.message });
    });
    worker.on("exit", (code) => {
      crashed({ kind: "error", errorType: "Runtime.ExitError", errorMessage: `RequestId: exited with code ${code}` });
    });
    return environment;
  }
}

type WorkerReply =
  | { readonly id: number; readonly ok: true; readonly result: unknown }
  | { readonly id: number; readonly ok: false; readonly errorType: string; readonly errorMessage: string };

function forwardLines(stream: NodeJS.ReadableStream, onLine: (line: string) => void): void {
  let buffered = "";
  stream.setEncoding("utf8");
  stream.on("data", (chunk: string) => {
    buffered += chunk;
    let newline = buffered.indexOf("\n");
    while (newline >= 0) {
      onLine(buffered.slice(0, newline));
      buffered = buffered.slice(newline + 1);
      newline = buffered.indexOf("\n");
    }
  });
  stream.on("end", () => {
    if (buffered !== "") {
      onLine(buffered);
    }
  });
}
