import type { PolicyStatement } from "./iam-policy";

/** A Lambda authorizer's output, checked and normalised. */
export interface AuthorizerGrant {
  readonly principalId: string;
  readonly statements: readonly PolicyStatement[];
  /** Passed to the integration as `requestContext.authorizer`. */
  readonly context: Readonly<Record<string, string | number | boolean>>;
  readonly usageIdentifierKey?: string;
}

/**
 * Checks an authorizer's output the way API Gateway does before it evaluates the policy. Anything that is
 * not `{principalId, policyDocument: {Statement: [...]}, context?}` with well-formed statements and a context
 * of strings, numbers and booleans is an authorizer configuration error (500), never an allow.
 *
 * @returns the grant, or the reason the output is malformed.
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-lambda-authorizer-output.html
 */
export function parseAuthorizerOutput(output: unknown): { ok: true; grant: AuthorizerGrant } | { ok: false; reason: string } {
  const record = asRecord(output);
  if (record === undefined) {
    return { ok: false, reason: "the output is not an object" };
  }
  if (typeof record.principalId !== "string" && typeof record.principalId !== "number") {
    return { ok: false, reason: "the output has no principalId" };
  }
  const document = asRecord(typeof record.policyDocument === "string" ? safeParse(record.policyDocument) : record.policyDocument);
  if (document === undefined) {
    return { ok: false, reason: "the output has no policyDocument object" };
  }
  const rawStatements = Array.isArray(document.Statement) ? document.Statement : document.Statement === undefined ? undefined : [document.Statement];
  if (rawStatements === undefined) {
    return { ok: false, reason: "the policyDocument has no Statement" };
  }
  const statements: PolicyStatement[] = [];
  for (const [index, raw] of rawStatements.entries()) {
    const statement = parseStatement(raw);
    if (typeof statement === "string") {
      return { ok: false, reason: `Statement[${index}] ${statement}` };
    }
    statements.push(statement);
  }
  const context: Record<string, string | number | boolean> = {};
  if (record.context !== undefined && record.context !== null) {
    const rawContext = asRecord(record.context);
    if (rawContext === undefined) {
      return { ok: false, reason: "the context is not an object" };
    }
    for (const [key, value] of Object.entries(rawContext)) {
      if (typeof value !== "string" && typeof value !== "number" && typeof value !== "boolean") {
        return { ok: false, reason: `context.${key} is ${Array.isArray(value) ? "an array" : value === null ? "null" : typeof value}; only strings, numbers and booleans are allowed` };
      }
      context[key] = value;
    }
  }
  return {
    ok: true,
    grant: {
      principalId: String(record.principalId),
      statements,
      context,
      usageIdentifierKey: typeof record.usageIdentifierKey === "string" ? record.usageIdentifierKey : undefined,
    },
  };
}

function parseStatement(raw: unknown): PolicyStatement | string {
  const statement = asRecord(raw);
  if (statement === undefined) {
    return "is not an object";
  }
  const effect = typeof statement.Effect === "string" ? statement.Effect.toLowerCase() : undefined;
  if (effect !== "allow" && effect !== "deny") {
    return `has the Effect ${JSON.stringify(statement.Effect)}; expected Allow or Deny`;
  }
  const actions = stringList(statement.Action ?? statement.NotAction);
  const resources = stringList(statement.Resource ?? statement.NotResource);
  if (actions === undefined) {
    return "has no Action (a string or a list of strings)";
  }
  if (resources === undefined) {
    return "has no Resource (a string or a list of strings)";
  }
  return {
    effect: effect === "allow" ? "Allow" : "Deny",
    actions,
    notAction: statement.Action === undefined,
    resources,
    notResource: statement.Resource === undefined,
  };
}

function stringList(value: unknown): string[] | undefined {
  if (typeof value === "string") {
    return [value];
  }
  if (Array.isArray(value) && value.length > 0 && value.every((item) => typeof item === "string")) {
    return value as string[];
  }
  return undefined;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
