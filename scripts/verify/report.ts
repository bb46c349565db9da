import { allHold, type CheckResult } from "./check-result";
import type { VerifyReport } from "./run-verify";

const TAGS: Readonly<Record<CheckResult["outcome"], string>> = { pass: "PASS", fail: "FAIL", skip: "SKIP" };

/** The report for people: what was expected and from where, one line per check, then the totals. */
export function reportLines(report: VerifyReport): string[] {
  const e = report.expectations;
  const count = (outcome: CheckResult["outcome"]): number => report.checks.filter((check) => check.outcome === outcome).length;
  return [
    `verify ${report.url}`,
    `  expecting (from ${e.source}): ${e.httpMethod} ${e.resourcePath}, credential in ${e.identityHeader}, headers ${Object.keys(e.headers).join(", ") || "(none)"}`,
    ...report.checks.map((check) => `${TAGS[check.outcome]}  ${check.name}: ${check.saw}`),
    `${count("pass")} passed, ${count("fail")} failed, ${count("skip")} skipped`,
  ];
}

/** The report for machines; `ok` is what the exit status says. */
export function reportJson(report: VerifyReport): string {
  return JSON.stringify({ ok: allHold(report.checks), url: report.url, expectations: report.expectations, checks: report.checks }, null, 2);
}
