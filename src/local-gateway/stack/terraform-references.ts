/**
 * Terraform interpolations in a synthesized stack, resolved the way the local gateway needs them.
 *
 * CDKTF writes references as `${<type>.<name>.<attribute>}` (or `${data.<type>.<name>.<attribute>}`).
 * An attribute the configuration sets itself (`http_method`, `status_code`, `function_name`…) resolves to
 * that value; an attribute only AWS computes (`id`, `arn`, `invoke_arn`…) resolves to a stable local token
 * naming the resource, so two references to the same resource compare equal.
 */

/** `aws_lambda_function.backend` or `data.archive_file.bundle`. */
export type Address = string;

/** A resource's configuration block as it appears in the JSON. */
export type ResourceBlock = Readonly<Record<string, unknown>>;

const SINGLE_REFERENCE = /^\$\{((?:data\.)?[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)\.([A-Za-z0-9_]+)\}$/;
const ANY_INTERPOLATION = /\$\{([^}]*)\}/g;
const SIMPLE_REFERENCE = /^((?:data\.)?[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)\.([A-Za-z0-9_]+)$/;

/** The local token for an attribute only AWS computes; `id` is the address itself. */
export function computedToken(address: Address, attribute: string): string {
  return attribute === "id" ? address : `${address}#${attribute}`;
}

/** The parsed reference of a string that is exactly one `${…}`, if it is one. */
export function singleReference(value: unknown): { address: Address; attribute: string } | undefined {
  if (typeof value !== "string") {
    return undefined;
  }
  const match = SINGLE_REFERENCE.exec(value);
  return match ? { address: match[1], attribute: match[2] } : undefined;
}

/** Every `<address>` referenced anywhere in `value` with one of `attributes`. */
export function referencedAddresses(value: unknown, type: string, attributes: readonly string[]): Address[] {
  if (typeof value !== "string") {
    return [];
  }
  const found: Address[] = [];
  for (const match of value.matchAll(ANY_INTERPOLATION)) {
    const simple = SIMPLE_REFERENCE.exec(match[1].trim());
    if (simple && simple[1].startsWith(`${type}.`) && attributes.includes(simple[2])) {
      found.push(simple[1]);
    }
  }
  return found;
}

/**
 * Resolves references in a string value against the stack's blocks.
 *
 * @returns the resolved string, or a problem when the string holds an interpolation that is not a plain
 *   reference (a function call, a conditional) or names a resource the stack does not declare.
 */
export function resolveString(
  value: string,
  lookup: (address: Address) => ResourceBlock | undefined,
  depth = 0,
): { ok: true; value: string } | { ok: false; problem: string } {
  let problem: string | undefined;
  const resolved = value.replace(ANY_INTERPOLATION, (whole: string, inner: string) => {
    const simple = SIMPLE_REFERENCE.exec(inner.trim());
    if (!simple) {
      problem ??= `the expression ${JSON.stringify(whole)} is not a plain reference; only \${<type>.<name>.<attribute>} is resolved locally`;
      return whole;
    }
    const [, address, attribute] = simple;
    const block = lookup(address);
    if (block === undefined) {
      problem ??= `${JSON.stringify(whole)} references ${address}, which the stack does not declare`;
      return whole;
    }
    const own = block[attribute];
    if (typeof own === "string" && depth < 8) {
      const inner2 = resolveString(own, lookup, depth + 1);
      if (!inner2.ok) {
        problem ??= inner2.problem;
        return whole;
      }
      return inner2.value;
    }
    if (typeof own === "number" || typeof own === "boolean") {
      return String(own);
    }
    return computedToken(address, attribute);
  });
  return problem === undefined ? { ok: true, value: resolved } : { ok: false, problem };
}
