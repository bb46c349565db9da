/**
 * The `$context` variables of one request, flattened: `requestId`, `identity.sourceIp`,
 * `authorizer.principalId`, `error.messageString`… Templates and header mappings read from it.
 */
export interface ContextValues {
  get(name: string): string | undefined;
}

/** `base` with some variables added or replaced, without copying it. */
export class LayeredContextValues implements ContextValues {
  constructor(
    private readonly base: ContextValues,
    private readonly added: ReadonlyMap<string, string>,
  ) {}

  get(name: string): string | undefined {
    return this.added.has(name) ? this.added.get(name) : this.base.get(name);
  }
}

/** The `$context` variables the local gateway provides (names after `context.`). */
export const CONTEXT_VARIABLES: readonly string[] = [
  "accountId",
  "apiId",
  "domainName",
  "domainPrefix",
  "extendedRequestId",
  "httpMethod",
  "path",
  "protocol",
  "requestId",
  "requestTime",
  "requestTimeEpoch",
  "resourceId",
  "resourcePath",
  "stage",
  "identity.sourceIp",
  "identity.userAgent",
  "error.message",
  "error.messageString",
  "error.responseType",
  "error.validationErrorString",
];

/** `authorizer.principalId` and every `authorizer.<key>` of the authorizer's context. */
const AUTHORIZER_PREFIX = "authorizer.";

/** Whether `$context.<name>` is a variable the local gateway can fill in. */
export function isKnownContextVariable(name: string): boolean {
  return CONTEXT_VARIABLES.includes(name) || (name.startsWith(AUTHORIZER_PREFIX) && name.length > AUTHORIZER_PREFIX.length);
}

let lastSecond = -1;
let lastText = "";

/** `25/Nov/2026:19:05:20 +0000`, the format of `$context.requestTime` (memoised per second). */
export function requestTimeText(epochMs: number): string {
  const second = Math.floor(epochMs / 1000);
  if (second !== lastSecond) {
    lastText = formatRequestTime(epochMs);
    lastSecond = second;
  }
  return lastText;
}

function formatRequestTime(epochMs: number): string {
  const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  const date = new Date(epochMs);
  const two = (n: number): string => String(n).padStart(2, "0");
  return `${two(date.getUTCDate())}/${months[date.getUTCMonth()]}/${date.getUTCFullYear()}:${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())} +0000`;
}
