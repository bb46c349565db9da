import { PlanCounts } from "./plan-json";

/**
 * The Markdown a CI job appends to `$GITHUB_STEP_SUMMARY`: the mode in plain words, the counts, and the
 * plan as Terraform prints it, folded.
 */
export function jobSummary(modeLines: readonly string[], counts: PlanCounts, planText: string): string {
  const fence = "`".repeat(Math.max(3, longestBacktickRun(planText) + 1));
  return [
    "## terraform plan",
    "",
    ...modeLines.map((line) => `- ${line}`),
    "",
    `**${counts.create} to add, ${counts.update} to change, ${counts.replace} to replace, ${counts.delete} to destroy.**`,
    "",
    "<details><summary>Plan</summary>",
    "",
    `${fence}terraform`,
    planText.trimEnd(),
    fence,
    "",
    "</details>",
    "",
  ].join("\n");
}

function longestBacktickRun(text: string): number {
  return Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
}
