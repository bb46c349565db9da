import { ConfigError } from "../../src/validation/config-error";

/** The problems a {@link ConfigError} thrown by `action` lists; `[]` when it throws nothing. */
export function configProblems(action: () => unknown): readonly string[] {
  try {
    action();
  } catch (error: unknown) {
    if (error instanceof ConfigError) {
      return error.problems;
    }
    throw error;
  }
  return [];
}
