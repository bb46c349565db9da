import { existsSync, readdirSync } from "node:fs";
import * as path from "node:path";
import { SEED_DEFAULTS, type Expectations } from "./expectations";
import { expectationsFromStack, StackFileError } from "./stack-expectations";

/** Where `cdktf synth` writes the stacks, relative to the project. */
const STACKS_DIR = path.join("cdktf.out", "stacks");

/** The flags that override what the stack (or the seed) says. */
export interface ExpectationOverrides {
  readonly stackFile?: string;
  readonly resourcePath?: string;
  readonly httpMethod?: string;
  readonly identityHeader?: string;
}

/**
 * The expectations of a run: `--stack`, else the single synthesized stack under `cwd`, else the seed's
 * defaults; then the flags, which win.
 *
 * @throws StackFileError when the stack cannot be read, or several stacks leave the choice open.
 */
export function resolveExpectations(overrides: ExpectationOverrides, cwd: string): Expectations {
  const base = overrides.stackFile !== undefined ? expectationsFromStack(path.resolve(cwd, overrides.stackFile), overrides.stackFile) : discovered(cwd);
  const routeChanged = overrides.resourcePath !== undefined && overrides.resourcePath !== base.resourcePath;
  const httpMethod = overrides.httpMethod ?? base.httpMethod;
  return {
    ...base,
    resourcePath: overrides.resourcePath ?? base.resourcePath,
    httpMethod,
    // A route named on the command line is not the stack's: only its own method is known.
    routeMethods: routeChanged ? [httpMethod] : overrides.httpMethod !== undefined ? [...new Set([...base.routeMethods, httpMethod])] : base.routeMethods,
    identityHeader: overrides.identityHeader ?? base.identityHeader,
  };
}

function discovered(cwd: string): Expectations {
  const stacksDir = path.join(cwd, STACKS_DIR);
  if (!existsSync(stacksDir)) {
    return SEED_DEFAULTS;
  }
  const files = readdirSync(stacksDir)
    .map((stack) => path.join(stacksDir, stack, "cdk.tf.json"))
    .filter((file) => existsSync(file));
  if (files.length > 1) {
    throw new StackFileError(`--stack is needed: ${STACKS_DIR} holds ${files.length} stacks (${files.map((file) => path.relative(cwd, file)).join(", ")})`);
  }
  return files.length === 1 ? expectationsFromStack(files[0], path.relative(cwd, files[0])) : SEED_DEFAULTS;
}
