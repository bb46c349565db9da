/** What one check concluded. */
export type Outcome = "pass" | "fail" | "skip";

/** One line of the report: what was checked, the verdict, and what was seen (or why it was skipped). */
export interface CheckResult {
  readonly name: string;
  readonly outcome: Outcome;
  readonly saw: string;
}

export const pass = (name: string, saw: string): CheckResult => ({ name, outcome: "pass", saw });
export const fail = (name: string, saw: string): CheckResult => ({ name, outcome: "fail", saw });
export const skip = (name: string, saw: string): CheckResult => ({ name, outcome: "skip", saw });

/** Everything checked holds; skipped checks neither pass nor fail the run. */
export function allHold(results: readonly CheckResult[]): boolean {
  return results.every((result) => result.outcome !== "fail");
}
