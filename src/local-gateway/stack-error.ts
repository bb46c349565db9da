/**
 * A synthesized stack the local gateway cannot serve faithfully.
 *
 * Like the app's own configuration errors, it lists every problem at once — each naming the resource, the
 * value and what is supported — so a user fixes the stack in one pass. The gateway never starts with a part
 * of the stack silently ignored.
 */
export class StackError extends Error {
  /** Each problem as one sentence. */
  public readonly problems: readonly string[];

  constructor(stackJsonPath: string, problems: readonly string[]) {
    super(
      problems.length === 1
        ? `Cannot serve ${stackJsonPath}: ${problems[0]}`
        : `Cannot serve ${stackJsonPath} (${problems.length} problems):\n${problems.map((p) => `  - ${p}`).join("\n")}`,
    );
    this.name = "StackError";
    this.problems = problems;
  }
}
