/** What the request presented in the identity header. */
export type PresentedCredential =
  | { readonly kind: "missing" }
  | { readonly kind: "ambiguous" }
  | { readonly kind: "present"; readonly value: string };

/**
 * Finds the identity header in a REQUEST authorizer event, whatever its casing (REST events keep the
 * client's casing; HTTP/2 clients send lower case).
 *
 * Both `headers` and `multiValueHeaders` are read. Several different values, or a value that is not a
 * string, make the credential ambiguous: such a request is denied, never allowed by whichever value
 * happened to be read.
 */
export function presentedCredential(event: unknown, headerName: string): PresentedCredential {
  const wanted = headerName.toLowerCase();
  const values: unknown[] = [];
  const record = asRecord(event);
  for (const [name, value] of Object.entries(asRecord(record?.headers) ?? {})) {
    if (name.toLowerCase() === wanted) {
      values.push(value);
    }
  }
  for (const [name, value] of Object.entries(asRecord(record?.multiValueHeaders) ?? {})) {
    if (name.toLowerCase() === wanted) {
      if (Array.isArray(value)) {
        values.push(...(value as unknown[]));
      } else {
        values.push(value);
      }
    }
  }
  if (values.some((value) => typeof value !== "string" && value !== null && value !== undefined)) {
    return { kind: "ambiguous" };
  }
  const distinct = new Set(values.filter((value): value is string => typeof value === "string"));
  if (distinct.size === 0 || (distinct.size === 1 && distinct.has(""))) {
    return { kind: "missing" };
  }
  if (distinct.size > 1) {
    return { kind: "ambiguous" };
  }
  const [value] = distinct;
  return { kind: "present", value };
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}
