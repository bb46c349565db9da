import * as path from "node:path";
import { Worker } from "node:worker_threads";
import { LAMBDA_WORKER_SOURCE } from "./lambda-worker-source";
import { functionArn } from "../local-ids";
import type { FunctionModel } from "../stack/stack-model";

/** What one invocation produced. */
export type InvokeOutcome =
  | { readonly kind: "result"; readonly payload: unknown }
  | { readonly kind: "error"; readonly errorType: string; readonly errorMessage: string };

/** Settings of a {@link LambdaRunner}. */
export interface LambdaRunnerOptions {
  readonly region: string;
  /**
   * Variables that replace or add to a function's `environment.variables`, by function name.
   * @default - none
   */
  readonly environmentOverrides?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /**
   * The most execution environments (worker threads) one function may have at once; further invocations
   * wait for a free one.
   * @default 4
   */
  readonly maxConcurrencyPerFunction?: number;
  /** Receives every line a function writes to stdout or stderr, with the function's name. */
  readonly onOutput?: (functionName: string, line: string) => void;
}

interface PendingInvocation {
  readonly id: number;
  readonly resolve: (outcome: InvokeOutcome) => void;
  readonly timer: NodeJS.Timeout;
}

/** One execution environment: a worker thread with the function's own `process.env`. */
class ExecutionEnvironment {
  readonly worker: Worker;
  pending: PendingInvocation | undefined;
  dead = false;

  constructor(worker: Worker) {
    this.worker = worker;
  }
}

/** The folder that holds this project's `@aws-sdk/*` packages. */
const RUNTIME_PROVIDED_MODULES = path.resolve(require.resolve("@aws-sdk/client-ssm/package.json"), "..", "..", "..");

/**
 * Runs each function's bundle the way Lambda does, close enough for the gateway's behaviour to be exact:
 *
 * - every execution environment is a worker thread created with the function's environment as its
 *   `process.env` (Lambda's reserved variables, the function's variables, then overrides), so one
 *   function's configuration never leaks into another's, nor the host's into either;
 * - one invocation at a time per environment; environments are reused warm and added on demand;
 * - the function's `timeout` is enforced by terminating the environment (a handler stuck in a busy loop
 *   cannot be interrupted otherwise), which answers `Task timed out after N seconds`, as Lambda does;
 *   an environment whose thread crashed or exited is discarded the same way.
 */
export class LambdaRunner {
  private readonly pools = new Map<string, FunctionPool>();
  private closed = false;

  constructor(
    functions: Iterable<FunctionModel>,
    private readonly options: LambdaRunnerOptions,
  ) {
    for (const fn of functions) {
      this.pools.set(fn.address, new FunctionPool(fn, options, this.environmentOf(fn)));
    }
  }

  /** Starts one warm environment per function, so the first request does not pay for thread start-up. */
  warmUp(): void {
    for (const pool of this.pools.values()) {
      pool.warmUp();
    }
  }

  /** Invokes a function with an event; never rejects. */
  invoke(functionAddress: string, event: unknown, awsRequestId: string): Promise<InvokeOutcome> {
    const pool = this.pools.get(functionAddress);
    if (pool === undefined || this.closed) {
      return Promise.resolve({ kind: "error", errorType: "ResourceNotFoundException", errorMessage: `Function not found: ${functionAddress}` });
    }
    return pool.invoke(event, awsRequestId);
  }

  /** Terminates every environment. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.pools.values()].map((pool) => pool.close()));
  }

  private environmentOf(fn: FunctionModel): Record<string, string> {
    const logGroup = `/aws/lambda/${fn.functionName}`;
    return {
      AWS_REGION: this.options.region,
      AWS_DEFAULT_REGION: this.options.region,
      AWS_EXECUTION_ENV: `AWS_Lambda_${fn.runtime}`,
      AWS_LAMBDA_FUNCTION_NAME: fn.functionName,
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memorySizeMb),
      AWS_LAMBDA_FUNCTION_VERSION: "$LATEST",
      AWS_LAMBDA_LOG_GROUP_NAME: logGroup,
      AWS_LAMBDA_LOG_STREAM_NAME: "local",
      LAMBDA_TASK_ROOT: fn.codeDirectory,
      // Lambda's Node.js runtimes put the AWS SDK v3 they ship on NODE_PATH (/var/runtime/node_modules),
      // which is why the bundles leave `@aws-sdk/*` out; this project's own copy stands in for it.
      NODE_PATH: RUNTIME_PROVIDED_MODULES,
      ...fn.environment,
      ...(this.options.environmentOverrides?.[fn.functionName] ?? {}),
    };
  }
}

class FunctionPool {
  private readonly all = new Set<ExecutionEnvironment>();
  private readonly idle: ExecutionEnvironment[] = [];
  private readonly waiting: ((environment: ExecutionEnvironment | undefined) => void)[] = [];
  private readonly maxConcurrency: number;
  private nextId = 1;
  private closed = false;

  constructor(
    private readonly fn: FunctionModel,
    private readonly options: LambdaRunnerOptions,
    private readonly env: Record<string, string>,
  ) {
    this.maxConcurrency = options.maxConcurrencyPerFunction ?? 4;
  }

  warmUp(): void {
    if (this.all.size === 0) {
      this.idle.push(this.spawn());
    }
  }

  async invoke(event: unknown, awsRequestId: string): Promise<InvokeOutcome> {
    const environment = await this.acquire();
    if (environment === undefined) {
      return { kind: "error", errorType: "Runtime.Shutdown", errorMessage: "the local gateway is shutting down" };
    }
    const timeoutMs = this.fn.timeoutSeconds * 1000;
    const deadline = Date.now() + timeoutMs;
    const id = this.nextId++;
    return new Promise<InvokeOutcome>((resolve) => {
      const timer = setTimeout(() => {
        environment.pending = undefined;
        this.discard(environment);
        resolve({
          kind: "error",
          errorType: "Sandbox.Timedout",
          errorMessage: `${new Date().toISOString()} ${awsRequestId} Task timed out after ${this.fn.timeoutSeconds.toFixed(2)} seconds`,
        });
      }, timeoutMs);
      environment.pending = { id, resolve, timer };
      // One string crosses the thread boundary: cloning a string is far cheaper than cloning an object.
      environment.worker.postMessage(`${id}\n${deadline}\n${awsRequestId}\n${JSON.stringify(event)}`);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const waiter of this.waiting.splice(0)) {
      waiter(undefined);
    }
    const environments = [...this.all];
    this.all.clear();
    this.idle.length = 0;
    await Promise.all(
      environments.map((environment) => {
        environment.dead = true;
        if (environment.pending) {
          clearTimeout(environment.pending.timer);
          environment.pending.resolve({ kind: "error", errorType: "Runtime.Shutdown", errorMessage: "the local gateway is shutting down" });
          environment.pending = undefined;
        }
        return environment.worker.terminate();
      }),
    );
  }

  private acquire(): Promise<ExecutionEnvironment | undefined> {
    if (this.closed) {
      return Promise.resolve(undefined);
    }
    const environment = this.idle.pop();
    if (environment !== undefined) {
      return Promise.resolve(environment);
    }
    if (this.all.size < this.maxConcurrency) {
      return Promise.resolve(this.spawn());
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(environment: ExecutionEnvironment): void {
    if (this.closed) {
      return;
    }
    if (environment.dead) {
      const waiter = this.waiting.shift();
      if (waiter !== undefined && this.all.size < this.maxConcurrency) {
        waiter(this.spawn());
      }
      return;
    }
    const waiter = this.waiting.shift();
    if (waiter !== undefined) {
      waiter(environment);
    } else {
      this.idle.push(environment);
    }
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
    clearTimeout(pending.timer);
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
          invokedFunctionArn: functionArn(this.options.region, this.fn.functionName),
          memoryLimitInMB: String(this.fn.memorySizeMb),
          logGroupName: `/aws/lambda/${this.fn.functionName}`,
          logStreamName: "local",
        },
      },
      stdout: true,
      stderr: true,
      // The function's memory size bounds the heap, so a leak fails here as it would on Lambda.
      resourceLimits: { maxOldGenerationSizeMb: Math.max(32, this.fn.memorySizeMb) },
    });
    const environment = new ExecutionEnvironment(worker);
    this.all.add(environment);
    forwardLines(worker.stdout, (line) => this.options.onOutput?.(this.fn.functionName, line));
    forwardLines(worker.stderr, (line) => this.options.onOutput?.(this.fn.functionName, line));
    worker.on("message", (text: string) => {
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
      this.settle(environment, { kind: "error", errorType: error.name === "Error" ? "Runtime.UncaughtException" : error.name, errorMessage: error.message });
      this.discard(environment);
    });
    worker.on("exit", (code) => {
      this.settle(environment, { kind: "error", errorType: "Runtime.ExitError", errorMessage: `RequestId: exited with code ${code}` });
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

