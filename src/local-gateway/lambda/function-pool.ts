import { Worker } from "node:worker_threads";
import { functionArn } from "../local-ids";
import type { FunctionModel } from "../stack/stack-model";
import { LAMBDA_WORKER_SOURCE } from "./lambda-worker-source";
import type { Timers } from "./timers";

/** What one invocation produced. */
export type InvokeOutcome =
  | { readonly kind: "result"; readonly payload: unknown }
  | { readonly kind: "error"; readonly errorType: string; readonly errorMessage: string };

/** Lambda's limit on the init phase (loading the module), separate from the function's timeout. */
export const INIT_LIMIT_MS = 10_000;

/** What a pool needs beyond the function itself. */
export interface PoolSettings {
  readonly region: string;
  readonly maxConcurrency: number;
  /** Environments started as soon as an invocation finds the others busy. */
  readonly eagerEnvironments: number;
  /** Past `eagerEnvironments`: how long invocations wait with every environment busy and none freed before another starts. */
  readonly scaleUpAfterMs: number;
  readonly timers: Timers;
  readonly onOutput?: (functionName: string, line: string) => void;
}

const SHUTDOWN: InvokeOutcome = { kind: "error", errorType: "Runtime.Shutdown", errorMessage: "the local gateway is shutting down" };
// Lambda's answer when a function's concurrency is used up (Invoke API: TooManyRequestsException).
const THROTTLED: InvokeOutcome = { kind: "error", errorType: "TooManyRequestsException", errorMessage: "Rate Exceeded." };

interface PendingInvocation {
  readonly id: number;
  readonly resolve: (outcome: InvokeOutcome) => void;
  readonly cancelTimer: () => void;
}

/** One execution environment: a worker thread with the function's own `process.env`. */
class ExecutionEnvironment {
  pending: PendingInvocation | undefined;
  dead = false;
  /** `true` once the module has loaded (or failed to: that failure is each invocation's answer). */
  initialised = false;
  /** Waiting for the init phase to end: `undefined` when it did, else why not. */
  private initWaiters: ((failure: InvokeOutcome | undefined) => void)[] = [];

  constructor(readonly worker: Worker) {}

  whenInitialised(): Promise<InvokeOutcome | undefined> {
    return this.initialised ? Promise.resolve(undefined) : new Promise((resolve) => this.initWaiters.push(resolve));
  }

  endInit(failure: InvokeOutcome | undefined): void {
    this.initialised = failure === undefined;
    for (const waiter of this.initWaiters.splice(0)) {
      waiter(failure);
    }
  }
}

/** A waiting invocation: resolved with an environment, or with why it gets none. */
interface Waiter {
  readonly resolve: (environment: ExecutionEnvironment | InvokeOutcome) => void;
  cancelTimer: () => void;
}

/**
 * The execution environments of one function: one invocation at a time per environment, environments kept
 * warm and added up to the function's concurrency. An invocation that finds every environment busy gets a new
 * one at once while there are fewer than `eagerEnvironments` (the machine's cores: that many run side by
 * side); past that it waits for one in order, and another environment starts only when none has been freed
 * for `scaleUpAfterMs` — the busy ones are held by slow or hanging invocations, not by a burst of quick ones
 * that the warm environments get through (more threads than cores would only add memory, about 19 MB each,
 * and thread switches). One that
 * waits longer than the function's timeout is refused as Lambda refuses a throttled call, so callers stuck
 * behind hanging invocations are answered within the timeout instead of piling up.
 */
export class FunctionPool {
  private readonly all = new Set<ExecutionEnvironment>();
  private readonly idle: ExecutionEnvironment[] = [];
  private readonly waiting: Waiter[] = [];
  private nextId = 1;
  private closed = false;
  /** Cancels the pending scale-up check's timer, if one is armed. */
  private cancelScaleUp: (() => void) | undefined;
  /** Identifies the armed scale-up check: bumped by a release or a close, which void a check still pending. */
  private scaleUpCheck = 0;

  constructor(
    private readonly fn: FunctionModel,
    private readonly settings: PoolSettings,
    private readonly env: Record<string, string>,
  ) {}

  warmUp(): void {
    if (this.all.size === 0) {
      this.idle.push(this.spawn());
    }
  }

  async invoke(event: unknown, awsRequestId: string): Promise<InvokeOutcome> {
    const timeoutMs = this.fn.timeoutSeconds * 1000;
    const acquired = await this.acquire(timeoutMs);
    if (!(acquired instanceof ExecutionEnvironment)) {
      return acquired;
    }
    const environment = acquired;
    if (!environment.initialised) {
      const failure = await this.initialise(environment);
      if (failure !== undefined) {
        return failure;
      }
    }
    // The timeout clock starts with the invocation, as Lambda's does: not while the module loads.
    const deadline = Date.now() + timeoutMs;
    const id = this.nextId++;
    return new Promise<InvokeOutcome>((resolve) => {
      const cancelTimer = this.settings.timers.schedule(timeoutMs, () => {
        if (environment.pending?.id !== id) {
          return;
        }
        environment.pending = undefined;
        this.discard(environment);
        resolve({
          kind: "error",
          errorType: "Sandbox.Timedout",
          errorMessage: `${new Date().toISOString()} ${awsRequestId} Task timed out after ${this.fn.timeoutSeconds.toFixed(2)} seconds`,
        });
      });
      environment.pending = { id, resolve, cancelTimer };
      // One string crosses the thread boundary: cloning a string is far cheaper than cloning an object.
      environment.worker.postMessage(`${id}\n${deadline}\n${awsRequestId}\n${JSON.stringify(event)}`);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    this.disarmScaleUp();
    for (const waiter of this.waiting.splice(0)) {
      waiter.cancelTimer();
      waiter.resolve(SHUTDOWN);
    }
    const environments = [...this.all];
    this.all.clear();
    this.idle.length = 0;
    await Promise.all(
      environments.map((environment) => {
        environment.dead = true;
        environment.endInit(SHUTDOWN);
        this.settle(environment, SHUTDOWN);
        return environment.worker.terminate();
      }),
    );
  }

  /** Waits for the module to load, within Lambda's init limit; a failure discards the environment. */
  private async initialise(environment: ExecutionEnvironment): Promise<InvokeOutcome | undefined> {
    const cancelTimer = this.settings.timers.schedule(INIT_LIMIT_MS, () => {
      environment.endInit({ kind: "error", errorType: "Sandbox.Timedout", errorMessage: `the init phase took longer than ${INIT_LIMIT_MS / 1000} seconds` });
      this.discard(environment);
    });
    const failure = await environment.whenInitialised();
    cancelTimer();
    return failure;
  }

  private acquire(timeoutMs: number): Promise<ExecutionEnvironment | InvokeOutcome> {
    if (this.closed) {
      return Promise.resolve(SHUTDOWN);
    }
    const environment = this.idle.pop();
    if (environment !== undefined) {
      return Promise.resolve(environment);
    }
    if (this.all.size < Math.min(this.settings.eagerEnvironments, this.settings.maxConcurrency)) {
      return Promise.resolve(this.spawn());
    }
    const queued = new Promise<ExecutionEnvironment | InvokeOutcome>((resolve) => {
      const waiter: Waiter = { resolve, cancelTimer: () => undefined };
      waiter.cancelTimer = this.settings.timers.schedule(timeoutMs, () => {
        const index = this.waiting.indexOf(waiter);
        if (index >= 0) {
          this.waiting.splice(index, 1);
          resolve(THROTTLED);
        }
      });
      this.waiting.push(waiter);
    });
    this.armScaleUp();
    return queued;
  }

  /** Starts another environment for the first waiter once none has been freed for `scaleUpAfterMs`. */
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
        const waiter = this.all.size < this.settings.maxConcurrency ? this.waiting.shift() : undefined;
        if (waiter !== undefined) {
          waiter.cancelTimer();
          waiter.resolve(this.spawn());
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

  private release(environment: ExecutionEnvironment): void {
    if (this.closed) {
      return;
    }
    this.disarmScaleUp();
    const waiter = this.waiting.shift();
    if (waiter === undefined) {
      if (!environment.dead) {
        this.idle.push(environment);
      }
      return;
    }
    waiter.cancelTimer();
    waiter.resolve(environment.dead ? this.spawn() : environment);
    this.armScaleUp();
  }

  private discard(environment: ExecutionEnvironment): void {
    if (environment.dead) {
      return;
    }
    environment.dead = true;
    this.all.delete(environment);
    const index = this.idle.indexOf(environment);
    if (index >= 0) {
      this.idle.splice(index, 1);
    }
    void environment.worker.terminate();
    this.release(environment);
  }

  private settle(environment: ExecutionEnvironment, outcome: InvokeOutcome): void {
    const pending = environment.pending;
    if (pending === undefined) {
      return;
    }
    environment.pending = undefined;
    pending.cancelTimer();
    pending.resolve(outcome);
  }

  private spawn(): ExecutionEnvironment {
    const worker = new Worker(LAMBDA_WORKER_SOURCE, {
      eval: true,
      env: this.env,
      // The bundles run on plain Node, as on Lambda: no loader flags (tsx…) of the host process.
      execArgv: [],
      workerData: {
        codeDirectory: this.fn.codeDirectory,
        handlerModule: this.fn.handlerModule,
        handlerExport: this.fn.handlerExport,
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
    const environment = new ExecutionEnvironment(worker);
    this.all.add(environment);
    forwardLines(worker.stdout, (line) => this.settings.onOutput?.(this.fn.functionName, line));
    forwardLines(worker.stderr, (line) => this.settings.onOutput?.(this.fn.functionName, line));
    worker.on("message", (text: string) => {
      if (text === "ready") {
        environment.endInit(undefined);
        return;
      }
      const reply = JSON.parse(text) as WorkerReply;
      if (environment.pending?.id !== reply.id) {
        return;
      }
      this.settle(
        environment,
        reply.ok ? { kind: "result", payload: reply.result } : { kind: "error", errorType: reply.errorType, errorMessage: reply.errorMessage },
      );
      this.release(environment);
    });
    worker.on("error", (error: Error) => {
      const outcome: InvokeOutcome = { kind: "error", errorType: error.name === "Error" ? "Runtime.UncaughtException" : error.name, errorMessage: error.message };
      environment.endInit(outcome);
      this.settle(environment, outcome);
      this.discard(environment);
    });
    worker.on("exit", (code) => {
      const outcome: InvokeOutcome = { kind: "error", errorType: "Runtime.ExitError", errorMessage: `RequestId: exited with code ${code}` };
      environment.endInit(outcome);
      this.settle(environment, outcome);
      this.discard(environment);
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
