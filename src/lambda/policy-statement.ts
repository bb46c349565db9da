/** One statement of an IAM policy document. */
export interface PolicyStatement {
  readonly Effect: "Allow" | "Deny";
  readonly Action: readonly string[];
  readonly Resource: string | readonly string[];
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

/** The JSON of a policy document holding `statements`. */
export function policyDocument(statements: readonly PolicyStatement[]): string {
  return JSON.stringify({ Version: "2012-10-17", Statement: statements });
}

/**
 * X-Ray's write actions, which support no resource-level permissions.
 * @see https://docs.aws.amazon.com/xray/latest/devguide/security_iam_id-based-policy-examples.html
 */
export const XRAY_WRITE: PolicyStatement = {
  Effect: "Allow",
  Action: ["xray:PutTraceSegments", "xray:PutTelemetryRecords"],
  Resource: "*",
};
