/**
 * Where the local gateway knowingly differs from API Gateway. Printed once at start-up, with the notes the
 * stack itself gives rise to, so nobody mistakes a local answer for a guarantee about these points.
 */
export const KNOWN_DIFFERENCES: readonly string[] = [
  "account id 123456789012 and a stable 10-character API id stand in for the real ones in ARNs and $context",
  "throttling, usage plans, API keys, WAF and request validation are not emulated (no 429s)",
  "AUTHORIZER_FAILURE is never produced: every authorizer failure answers AUTHORIZER_CONFIGURATION_ERROR, as observed on AWS for Lambda errors, timeouts and malformed results",
  "a customised response type does not inherit DEFAULT_4XX/DEFAULT_5XX headers (AWS does not document that it does); set the headers on every type",
  "response header names are sent in lower case, as over HTTP/2",
  "Lambda runs in worker threads of this process: cold starts are not simulated, and the function's memory size bounds only the JavaScript heap",
  "the authorizer cache keeps each result for its full TTL, up to 10 000 entries / 16 MiB (least recently used evicted first); AWS may evict earlier",
  "a REQUEST authorizer's cache key holds every value of a repeated identity header or query parameter (AWS documents only the single value)",
];

/** The start-up banner's lines about differences. */
export function differenceLines(stackNotes: readonly string[]): string[] {
  return [
    "Known differences from API Gateway:",
    ...KNOWN_DIFFERENCES.map((line) => `  - ${line}`),
    ...stackNotes.map((line) => `  - ${line}`),
  ];
}
