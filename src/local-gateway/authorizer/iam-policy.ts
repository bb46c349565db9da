/**
 * The part of IAM policy evaluation API Gateway applies to a Lambda authorizer's policy: does it allow
 * `execute-api:Invoke` on this method ARN? An explicit Deny wins over any Allow; no matching Allow is an
 * implicit deny.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
 */

/** One statement, normalised. */
export interface PolicyStatement {
  readonly effect: "Allow" | "Deny";
  /** Patterns; `notAction` inverts the match. */
  readonly actions: readonly string[];
  readonly notAction: boolean;
  readonly resources: readonly string[];
  readonly notResource: boolean;
}

/** The outcome for one method ARN. */
export type PolicyDecision = "allow" | "explicit-deny" | "implicit-deny";

const ACTION = "execute-api:Invoke";

/** Evaluates the statements against a method ARN. */
export function evaluatePolicy(statements: readonly PolicyStatement[], methodArn: string): PolicyDecision {
  let allowed = false;
  for (const statement of statements) {
    const actionMatches = statement.actions.some((pattern) => wildcardMatch(pattern.toLowerCase(), ACTION.toLowerCase())) !== statement.notAction;
    if (!actionMatches) {
      continue;
    }
    const resourceMatches = statement.resources.some((pattern) => arnMatches(pattern, methodArn)) !== statement.notResource;
    if (!resourceMatches) {
      continue;
    }
    if (statement.effect === "Deny") {
      return "explicit-deny";
    }
    allowed = true;
  }
  return allowed ? "allow" : "implicit-deny";
}

/**
 * IAM's ARN matching: the six colon-separated parts are matched one by one (a wildcard does not cross a
 * colon in the first five), `*` matches any run of characters and `?` any one character; `*` alone matches
 * everything.
 */
export function arnMatches(pattern: string, arn: string): boolean {
  if (pattern === "*") {
    return true;
  }
  const patternParts = splitArn(pattern);
  const arnParts = splitArn(arn);
  if (patternParts === undefined || arnParts === undefined) {
    return false;
  }
  return patternParts.every((part, index) => wildcardMatch(part, arnParts[index]));
}

function splitArn(arn: string): string[] | undefined {
  const parts = arn.split(":");
  if (parts.length < 6) {
    return undefined;
  }
  return [...parts.slice(0, 5), parts.slice(5).join(":")];
}

/** Glob matching with `*` and `?`, iterative (no regular expression built from user input). */
export function wildcardMatch(pattern: string, text: string): boolean {
  let p = 0;
  let t = 0;
  let star = -1;
  let mark = 0;
  while (t < text.length) {
    if (p < pattern.length && (pattern[p] === "?" || pattern[p] === text[t])) {
      p += 1;
      t += 1;
    } else if (p < pattern.length && pattern[p] === "*") {
      star = p;
      mark = t;
      p += 1;
    } else if (star >= 0) {
      p = star + 1;
      mark += 1;
      t = mark;
    } else {
      return false;
    }
  }
  while (p < pattern.length && pattern[p] === "*") {
    p += 1;
  }
  return p === pattern.length;
}
