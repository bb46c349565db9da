/** Per function name, variables that replace or add to its environment. */
export type EnvironmentOverrides = Readonly<Record<string, Readonly<Record<string, string>>>>;

/** What `--credential` (or its absence) means for a stack. */
export interface CredentialPlan {
  /** The `--env` overrides with the credential's merged in; an explicit `--env` of the same variable wins. */
  readonly environmentOverrides: EnvironmentOverrides;
  /** Start-up notes: a function that will fail closed, or a `--credential` that nothing uses. */
  readonly notes: readonly string[];
}

type JsonObject = Readonly<Record<string, unknown>>;
const isObject = (value: unknown): value is JsonObject => typeof value === "object" && value !== null && !Array.isArray(value);

/** The authorizer's variables (lambdas/authorizer/settings.ts AUTHORIZER_ENV). */
const SOURCE = "CREDENTIAL_SOURCE";
const EXPECTED = "EXPECTED_CREDENTIAL";
const PARAMETER = "CREDENTIAL_PARAMETER";

/**
 * Functions whose environment says they read their credential from SSM, which a local run cannot reach:
 * with a credential, each accepts it inline instead; without one, each is named in a note, since every
 * request carrying a credential would get 401.
 */
export function credentialPlan(stackJson: unknown, credential: string | undefined, overrides: EnvironmentOverrides): CredentialPlan {
  const resources = isObject(stackJson) && isObject(stackJson.resource) ? stackJson.resource : {};
  const functions = isObject(resources.aws_lambda_function) ? Object.values(resources.aws_lambda_function) : [];
  const readers: Array<{ name: string; parameter: string }> = [];
  for (const fn of functions) {
    const variables = isObject(fn) && isObject(fn.environment) && isObject(fn.environment.variables) ? fn.environment.variables : {};
    if (isObject(fn) && typeof fn.function_name === "string" && variables[SOURCE] === "ssm") {
      readers.push({ name: fn.function_name, parameter: typeof variables[PARAMETER] === "string" ? variables[PARAMETER] : "?" });
    }
  }
  const merged: Record<string, Readonly<Record<string, string>>> = { ...overrides };
  const notes: string[] = [];
  for (const reader of readers) {
    const explicit = overrides[reader.name] ?? {};
    if (credential !== undefined) {
      merged[reader.name] = { [SOURCE]: "inline-demo", [EXPECTED]: credential, ...explicit };
    } else if (explicit[SOURCE] === undefined) {
      notes.push(
        `${reader.name} reads its credential from SSM (${reader.parameter}), which a local run does not reach: every request with a credential gets 401. Pass --credential VALUE to accept VALUE locally.`,
      );
    }
  }
  if (credential !== undefined && readers.length === 0) {
    notes.push("--credential is not used: no function of this stack reads its credential from SSM (the example app accepts the inline demo credential from cdktf.json).");
  }
  return { environmentOverrides: merged, notes };
}
