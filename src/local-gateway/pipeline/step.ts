import type { AuthorizerEmulator, Invoker } from "../authorizer/authorizer-emulator";
import type { StackModel } from "../stack/stack-model";
import type { Invocation } from "./invocation";

/** What the steps share: the served stack and the adapters that run functions and keep the cache. */
export interface Services {
  readonly model: StackModel;
  readonly invoker: Invoker;
  readonly authorizers: AuthorizerEmulator;
}

/**
 * One named step of the request path. It may end the path early (a failure or an answer on the
 * invocation); a step marked `always` runs even then. Synchronous steps return nothing, so the cheap paths
 * (a 401 from the identity check, a cached 403) make no promise at all (runSteps returns nothing for them).
 */
export interface Step {
  readonly name: string;
  readonly always?: boolean;
  run(invocation: Invocation, services: Services): void | Promise<void>;
}

/**
 * Runs the steps in order: synchronously while they return nothing (then it returns nothing too), and from
 * the first step that returns a promise on, one after another as each settles.
 */
export function runSteps(steps: readonly Step[], invocation: Invocation, services: Services, from = 0): void | Promise<void> {
  for (let index = from; index < steps.length; index += 1) {
    const step = steps[index];
    if (invocation.decided && step.always !== true) {
      continue;
    }
    const pending = step.run(invocation, services);
    if (pending !== undefined) {
      return pending.then(() => runSteps(steps, invocation, services, index + 1));
    }
  }
  return undefined;
}
