import { availableParallelism } from "node:os";
import * as path from "node:path";
import { FunctionPool, InvokeOutcome } from "./function-pool";
import { REAL_TIMERS, Timers } from "./timers";
import type { FunctionModel } from "../stack/stack-model";

export type { InvokeOutcome };

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
   * wait for a free one, each at most the function's timeout (then `TooManyRequestsException`).
   * @default 8
   */
  readonly maxConcurrencyPerFunction?: number;
  /**
   * How many environments of a function start as soon as an invocation finds the others busy.
   * @default - the machine's CPU count (`os.availableParallelism()`): that many can run side by side
   */
  readonly eagerEnvironments?: number;
  /**
   * Past `eagerEnvironments`: how long invocations wait, with every environment of their function busy and
   * none freed meanwhile, before another environment starts (up to `maxConcurrencyPerFunction`) — long
   * enough that a burst of quick invocations is served by the environments already warm, short next to a
   * cold start on Lambda.
   * @default 50
   */
  readonly scaleUpAfterMs?: number;
  /**
   * The most invocations one environment holds at once, the running one included: with every environment
   * busy, up to this many are handed to an environment in advance and run there one after another, unless
   * the running one stalls for `scaleUpAfterMs` (then they are taken back and go elsewhere). 1 hands none in
   * advance.
   * @default 8
   */
  readonly pipelineDepth?: number;
  /**
   * The timers of the function timeout, the init limit, the queue and the stall check.
   * @default - Node's timers
   */
  readonly timers?: Timers;
  /** Receives every line a function writes to stdout or stderr, with the function's name. */
  readonly onOutput?: (functionName: string, line: string) => void;
}

/** Beyond this, a stalled environment only has more to give back; the gain from handing over in advance is in the first few. */
const MAX_PIPELINE_DEPTH = 64;

/** The folder that holds this project's `@aws-sdk/*` packages. */
const RUNTIME_PROVIDED_MODULES = path.resolve(require.resolve("@aws-sdk/client-ssm/package.json"), "..", "..", "..");

/**
 * Runs each function's bundle the way Lambda does, close enough for the gateway's behaviour to be exact:
 *
 * - every execution environment is a worker thread created with the function's environment as its
 *   `process.env` (Lambda's reserved variables, the function's variables, then overrides), so one
 *   function's configuration never leaks into another's, nor the host's into either;
 * - one invocation at a time per environment; environments are reused warm and added on demand — at once up
 *   to the machine's CPU count, past that when invocations have waited `scaleUpAfterMs` with none freed —
 *   up to the concurrency, past which they queue (see {@link FunctionPool});
 * - the module loads once per environment (the init phase, limited to 10 s as on Lambda); the function's
 *   `timeout` starts with each invocation and is enforced by terminating the environment (a handler stuck in a busy loop
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
    const pipelineDepth = options.pipelineDepth ?? 8;
    if (!Number.isInteger(pipelineDepth) || pipelineDepth < 1 || pipelineDepth > MAX_PIPELINE_DEPTH) {
      throw new RangeError(`LambdaRunner: pipelineDepth must be a whole number from 1 to ${MAX_PIPELINE_DEPTH}, got ${String(options.pipelineDepth)}`);
    }
    for (const fn of functions) {
      const settings = {
        region: options.region,
        maxConcurrency: options.maxConcurrencyPerFunction ?? 8,
        eagerEnvironments: options.eagerEnvironments ?? availableParallelism(),
        scaleUpAfterMs: options.scaleUpAfterMs ?? 50,
        pipelineDepth,
        timers: options.timers ?? REAL_TIMERS,
        onOutput: options.onOutput,
      };
      this.pools.set(fn.address, new FunctionPool(fn, settings, this.environmentOf(fn)));
    }
  }

  /**
   * Starts one warm environment per function, so the first request does not pay for thread start-up;
   * resolves once each has loaded its module (or failed to: that is then each invocation's answer).
   */
  warmUp(): Promise<void> {
    return Promise.all([...this.pools.values()].map((pool) => pool.warmUp())).then(() => undefined);
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
