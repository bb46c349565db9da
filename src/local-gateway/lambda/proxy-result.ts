/** A Lambda proxy integration's result, checked. Header names are lower case. */
export interface ProxyResponse {
  readonly statusCode: number;
  readonly headers: readonly (readonly [string, string])[];
  /** The body as the function returned it: base64 text when `isBase64Encoded`. */
  readonly body: string;
  readonly isBase64Encoded: boolean;
}

// RFC 9110 §5.1 token / §5.5 field-value: what an HTTP/1.1 response can carry. API Gateway answers a
// header it cannot send with a 502, just as for a malformed integration response.
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

// REST APIs refuse any other key, `cookies` of the HTTP API format included.
const KNOWN_KEYS = new Set(["statusCode", "headers", "multiValueHeaders", "body", "isBase64Encoded"]);

/**
 * Reads a proxy result the way API Gateway does: `statusCode` an integer (a numeric string is accepted;
 * missing, 200), `body` a string, `headers` values scalars, `multiValueHeaders` lists of scalars, every header
 * sendable over HTTP; anything else is a "Malformed Lambda proxy response" (502).
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html#api-gateway-simple-proxy-for-lambda-output-format
 */
export function parseProxyResult(payload: unknown): { ok: true; response: ProxyResponse } | { ok: false; reason: string } {
  if (typeof payload !== "object" || payload === null || Array.isArray(payload)) {
    return { ok: false, reason: "the result is not an object" };
  }
  const record = payload as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!KNOWN_KEYS.has(key)) {
      return { ok: false, reason: `the result has the unexpected key ${JSON.stringify(key)}` };
    }
  }
  // A missing status is 200, as API Gateway sends it (LocalStack's AWS-validated AWS_PROXY integration,
  // localstack/localstack …/next_gen/execute_api/integrations/aws.py: `statusCode or 200`).
  const rawStatus = record.statusCode ?? 200;
  const statusCode = typeof rawStatus === "string" && /^\d+$/.test(rawStatus) ? Number(rawStatus) : rawStatus;
  if (typeof statusCode !== "number" || !Number.isInteger(statusCode) || statusCode < 100 || statusCode > 599) {
    return { ok: false, reason: `statusCode must be an HTTP status code, got ${JSON.stringify(record.statusCode)}` };
  }
  if (record.body !== undefined && record.body !== null && typeof record.body !== "string") {
    return { ok: false, reason: "body must be a string" };
  }
  const headers = new Map<string, string[]>();
  const single = record.headers;
  if (single !== undefined && single !== null) {
    if (typeof single !== "object" || Array.isArray(single)) {
      return { ok: false, reason: "headers must be an object" };
    }
    for (const [name, value] of Object.entries(single)) {
      if (!isScalar(value)) {
        return { ok: false, reason: `headers.${name} must be a string, number or boolean` };
      }
      headers.set(name.toLowerCase(), [String(value)]);
    }
  }
  const multi = record.multiValueHeaders;
  if (multi !== undefined && multi !== null) {
    if (typeof multi !== "object" || Array.isArray(multi)) {
      return { ok: false, reason: "multiValueHeaders must be an object" };
    }
    for (const [name, values] of Object.entries(multi)) {
      if (!Array.isArray(values) || !values.every(isScalar)) {
        return { ok: false, reason: `multiValueHeaders.${name} must be a list of strings` };
      }
      // API Gateway merges both maps; for a name in both, the multi-value list is sent.
      headers.set(name.toLowerCase(), values.map(String));
    }
  }
  const list: [string, string][] = [];
  for (const [name, values] of headers) {
    if (!HEADER_NAME.test(name)) {
      return { ok: false, reason: `the header name ${JSON.stringify(name.slice(0, 100))} is not a valid HTTP header name` };
    }
    for (const value of values) {
      if (!HEADER_VALUE.test(value)) {
        return { ok: false, reason: `the value of the header ${name} holds characters an HTTP header cannot carry` };
      }
      list.push([name, value]);
    }
  }
  return { ok: true, response: { statusCode, headers: list, body: typeof record.body === "string" ? record.body : "", isBase64Encoded: record.isBase64Encoded === true } };
}

function isScalar(value: unknown): value is string | number | boolean {
  return typeof value === "string" || typeof value === "number" || typeof value === "boolean";
}
