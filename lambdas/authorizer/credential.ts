/** What the request presented in the identity header. */
export type PresentedCredential =
  | { readonly kind: "missing" }
  | { readonly kind: "ambiguous" }
  | { readonly kind: "present"; readonly value: string };

/**
 * Finds the identity header in a REQUEST authorizer event, whatever its casing (REST events keep the
 * client's casing; HTTP/2 clients send lower case), in both `headers` and `multiValueHeaders`.
 *
 * API Gateway caches the decision under the value of `method.request.header.<name>`, the single-value view
 * of the header (the event's `headers`; `multiValueHeaders` lists every value sent). Which value that is
 * for a repeated header, AWS shows only by example (the last one). So a decision is only taken when
 * every value the event carries is the same string — then it is the cache key, whichever value API Gateway
 * picked. Several different values, or a value that is not a string, are `ambiguous`: such a request gets
 * neither Allow nor Deny, because either could be cached under another caller's credential.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html#api-gateway-simple-proxy-for-lambda-input-format
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/rest-api-parameter-mapping-sources.html
 */
export function presentedCredential(event: unknown, headerName: string): PresentedCredential {
  const values = headerValues(asRecord(event), headerName.toLowerCase());
  if (values.some((value) => typeof value !== "string" && value !== null && value !== undefined)) {
    return { kind: "ambiguous" };
  }
  const distinct = new Set(values.filter((value): value is string => typeof value === "string"));
  if (distinct.size > 1) {
    return { kind: "ambiguous" };
  }
  const [value] = distinct;
  return value === undefined || value === "" ? { kind: "missing" } : { kind: "present", value };
}

/** Every value the event carries under the header, from both maps, in no particular order. */
function headerValues(event: Record<string, unknown> | undefined, wanted: string): unknown[] {
  const values: unknown[] = [];
  for (const [name, value] of Object.entries(asRecord(event?.headers) ?? {})) {
    if (name.toLowerCase() === wanted) {
      values.push(value);
    }
  }
  for (const [name, value] of Object.entries(asRecord(event?.multiValueHeaders) ?? {})) {
    if (name.toLowerCase() === wanted) {
      values.push(...(Array.isArray(value) ? (value as unknown[]) : [value]));
    }
  }
  return values;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}
