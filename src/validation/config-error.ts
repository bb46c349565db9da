import { Token } from "cdktf";

/**
 * A configuration problem found before any resource exists.
 *
 * Every validator in this project reports *all* the problems it finds, each naming the field, the bad value
 * and what is allowed, so a user fixes their configuration in one pass instead of one error per synth.
 */
export class ConfigError extends Error {
  /** Each problem as one sentence: `property 'x' must be ..., got ...`. */
  public readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(
      problems.length === 1
        ? `Invalid configuration: ${problems[0]}`
        : `Invalid configuration (${problems.length} problems):\n${problems.map((p) => `  - ${p}`).join("\n")}`,
    );
    this.name = "ConfigError";
    this.problems = problems;
  }
}

/** Throws a {@link ConfigError} listing every problem, if there is any. */
export function throwIfProblems(problems: readonly string[]): void {
  if (problems.length > 0) {
    throw new ConfigError(problems);
  }
}

/** Renders a value for an error message: strings quoted, everything else as JSON. */
export function show(value: unknown): string {
  if (value === undefined) {
    return "undefined";
  }
  if (typeof value === "number" && !Number.isFinite(value)) {
    return String(value);
  }
  return JSON.stringify(value);
}

/** `problems` for a value that must be a whole number within `[min, max]`. */
export function integerInRange(field: string, value: unknown, min: number, max: number): string[] {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    return [`property '${field}' must be a whole number from ${min} to ${max}, got ${show(value)}`];
  }
  return [];
}

/** `problems` for a value that must be a boolean. */
export function isBoolean(field: string, value: unknown): string[] {
  return typeof value === "boolean" ? [] : [`property '${field}' must be true or false, got ${show(value)}`];
}

/**
 * Throws a {@link ConfigError} whose every problem is prefixed with where it was found — a construct path
 * and the part of it, e.g. `orders/route[POST /orders/{id}]` — so a user of several APIs and routes knows
 * which one to fix.
 */
export function throwIfProblemsAt(where: string, problems: readonly string[]): void {
  throwIfProblems(problems.map((problem) => `${where}: ${problem}`));
}

/**
 * Whether a value is only known at apply time (a reference such as another resource's ARN): such values
 * are passed through, since their format can only be checked by the provider.
 */
export function isUnresolved(value: unknown): boolean {
  return typeof value === "string" && Token.isUnresolved(value);
}
