import { fail, pass, skip, type CheckResult } from "./check-result";
import { hstsProblems } from "./hsts-value";
import type { Probe } from "./probe-plan";
import type { ProbeReply } from "./transport/http-probe";

/** A probe and what became of it: a reply, a transport error, or nothing (skipped). */
export interface ProbeOutcome {
  readonly probe: Probe;
  readonly reply?: ProbeReply;
  readonly error?: string;
}

const PREVIEW = 80;

/** The probe's own check: the status it must get. */
export function statusCheck(outcome: ProbeOutcome): CheckResult {
  const { probe, reply, error } = outcome;
  if (probe.skipReason !== undefined) {
    return skip(probe.name, probe.skipReason);
  }
  if (reply === undefined) {
    return fail(probe.name, `no response: ${error ?? "unknown error"}`);
  }
  const errorType = reply.headers["x-amzn-errortype"];
  const body = probe.showBody && reply.bodyStart !== "" ? ` ${oneLine(reply.bodyStart)}` : "";
  const saw = `saw ${reply.status}${errorType === undefined ? "" : ` ${errorType}`}${body}`;
  return probe.expected(reply.status) ? pass(probe.name, saw) : fail(probe.name, saw);
}

/** Every response carries each header of the policy with exactly the declared value. */
export function headerPolicyCheck(outcomes: readonly ProbeOutcome[], policy: Readonly<Record<string, string>>): CheckResult {
  const names = Object.keys(policy);
  const name = `header policy on every response (${names.length} headers)`;
  const replied = outcomes.filter((outcome) => outcome.reply !== undefined);
  if (names.length === 0) {
    return fail(name, "the stack declares no static header common to its gateway responses");
  }
  if (replied.length === 0) {
    return fail(name, "no response to check");
  }
  const problems: string[] = [];
  for (const { probe, reply } of replied) {
    for (const header of names) {
      const seen = reply?.headers[header];
      if (seen === undefined) {
        problems.push(`${probe.label} has no ${header}`);
      } else if (seen !== policy[header]) {
        problems.push(`${probe.label} has ${header}: ${JSON.stringify(seen)}, expected ${JSON.stringify(policy[header])}`);
      }
    }
  }
  const labels = replied.map((outcome) => outcome.probe.label).join(", ");
  return problems.length === 0 ? pass(name, `all ${names.length} as declared on ${labels}`) : fail(name, problems.join("; "));
}

/** Every response's Strict-Transport-Security is present and valid (preload's requirements included). */
export function hstsCheck(outcomes: readonly ProbeOutcome[]): CheckResult {
  const name = "valid Strict-Transport-Security on every response";
  const replied = outcomes.filter((outcome) => outcome.reply !== undefined);
  if (replied.length === 0) {
    return fail(name, "no response to check");
  }
  const problems: string[] = [];
  const values = new Set<string>();
  for (const { probe, reply } of replied) {
    const value = reply?.headers["strict-transport-security"];
    if (value === undefined) {
      problems.push(`${probe.label} has no Strict-Transport-Security`);
      continue;
    }
    values.add(value);
    for (const problem of hstsProblems(value)) {
      problems.push(`${probe.label}: ${problem}`);
    }
  }
  return problems.length === 0 ? pass(name, [...values].map((value) => JSON.stringify(value)).join(", ")) : fail(name, problems.join("; "));
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > PREVIEW ? `${flat.slice(0, PREVIEW)}…` : flat;
}
