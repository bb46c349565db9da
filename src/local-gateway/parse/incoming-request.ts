/** An HTTP request, normalised once, as the gateway pipeline reads it. */
export interface IncomingRequest {
  readonly method: string;
  /** The path as sent, e.g. `/prod/items/a%20b`. */
  readonly rawPath: string;
  /** The path's segments, percent-decoded: `["prod", "items", "a b"]`. */
  readonly segments: readonly string[];
  /** Query string name → values, in order. */
  readonly query: ReadonlyMap<string, readonly string[]>;
  /** Headers with the client's casing, in order (REST events keep the casing). */
  readonly headerList: readonly (readonly [string, string])[];
  /** The last value of a header, looked up case-insensitively. */
  header(name: string): string | undefined;
  /** Every value of a header, in the order sent, looked up case-insensitively. */
  headerValues(name: string): readonly string[];
  readonly body: Buffer;
  /** The body was longer than API Gateway accepts and was not read to the end. */
  readonly bodyTooLarge: boolean;
  readonly sourceIp: string;
  readonly protocol: string;
  /** The port the client connected to, and the scheme. */
  readonly port: number;
  readonly scheme: "http" | "https";
  /** When the request arrived, in epoch milliseconds. */
  readonly receivedAt: number;
}

/** The raw parts of a request, as Node's HTTP server hands them over. */
export interface RawRequest {
  readonly method: string;
  readonly url: string;
  /** Node's `rawHeaders`: name, value, name, value… */
  readonly rawHeaders: readonly string[];
  readonly body: Buffer;
  readonly bodyTooLarge: boolean;
  readonly remoteAddress: string;
  readonly httpVersion: string;
  readonly receivedAt: number;
  /**
   * The port the client connected to and whether over TLS (for `X-Forwarded-Port`/`-Proto`).
   * @default - 443 over TLS, as a deployed API is reached
   */
  readonly connection?: { readonly port: number; readonly encrypted: boolean };
}

/** Why a request could not be read; answered with 400 by the server adapter. */
export class MalformedRequestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MalformedRequestError";
  }
}

/**
 * Normalises a raw request.
 *
 * @throws MalformedRequestError when the target is not an origin-form or absolute URL, or its path holds
 *   invalid percent-encoding.
 */
export function parseIncomingRequest(raw: RawRequest): IncomingRequest {
  let target = raw.url;
  // Nearly every request is in origin form ("/…"): the absolute form's expression only runs for the others.
  const absolute = target.startsWith("/") ? null : /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#]*/.exec(target);
  if (absolute) {
    target = target.slice(absolute[0].length) || "/";
  }
  if (!target.startsWith("/")) {
    throw new MalformedRequestError(`the request target ${JSON.stringify(raw.url.slice(0, 200))} is not a path`);
  }
  const hash = target.indexOf("#");
  if (hash >= 0) {
    target = target.slice(0, hash);
  }
  const question = target.indexOf("?");
  const rawPath = question >= 0 ? target.slice(0, question) : target;
  const queryText = question >= 0 ? target.slice(question + 1) : "";

  const segments: string[] = [];
  for (const part of rawPath.split("/")) {
    if (part === "") {
      continue;
    }
    try {
      segments.push(part.includes("%") ? decodeURIComponent(part) : part);
    } catch {
      throw new MalformedRequestError(`the path segment ${JSON.stringify(part.slice(0, 200))} has invalid percent-encoding`);
    }
  }

  const query = new Map<string, string[]>();
  for (const pair of queryText.split("&")) {
    if (pair === "") {
      continue;
    }
    const equals = pair.indexOf("=");
    const name = decodeQueryPart(equals >= 0 ? pair.slice(0, equals) : pair);
    const value = decodeQueryPart(equals >= 0 ? pair.slice(equals + 1) : "");
    const values = query.get(name);
    if (values) {
      values.push(value);
    } else {
      query.set(name, [value]);
    }
  }

  const headerList: [string, string][] = [];
  const byName = new Map<string, string>();
  for (let i = 0; i + 1 < raw.rawHeaders.length; i += 2) {
    headerList.push([raw.rawHeaders[i], raw.rawHeaders[i + 1]]);
    byName.set(raw.rawHeaders[i].toLowerCase(), raw.rawHeaders[i + 1]);
  }
  return new ParsedRequest(raw, rawPath, segments, query, headerList, byName);
}

/** A class rather than an object of closures: it is built for every request. */
class ParsedRequest implements IncomingRequest {
  readonly method: string;
  readonly body: Buffer;
  readonly bodyTooLarge: boolean;
  readonly sourceIp: string;
  readonly protocol: string;
  readonly port: number;
  readonly scheme: "http" | "https";
  readonly receivedAt: number;

  constructor(
    raw: RawRequest,
    readonly rawPath: string,
    readonly segments: readonly string[],
    readonly query: ReadonlyMap<string, readonly string[]>,
    readonly headerList: readonly (readonly [string, string])[],
    private readonly byName: ReadonlyMap<string, string>,
  ) {
    this.method = raw.method.toUpperCase();
    this.body = raw.body;
    this.bodyTooLarge = raw.bodyTooLarge;
    this.sourceIp = raw.remoteAddress.startsWith("::ffff:") ? raw.remoteAddress.slice(7) : raw.remoteAddress;
    this.protocol = `HTTP/${raw.httpVersion}`;
    this.receivedAt = raw.receivedAt;
    this.port = raw.connection?.port ?? 443;
    this.scheme = raw.connection === undefined || raw.connection.encrypted ? "https" : "http";
  }

  header(name: string): string | undefined {
    return this.byName.get(name.toLowerCase());
  }

  headerValues(name: string): readonly string[] {
    const lower = name.toLowerCase();
    const values: string[] = [];
    for (const [header, value] of this.headerList) {
      if (header.length === lower.length && header.toLowerCase() === lower) {
        values.push(value);
      }
    }
    return values;
  }
}

/** Query values are passed decoded; a malformed escape is passed through as sent, not refused. */
function decodeQueryPart(text: string): string {
  const spaced = text.replace(/\+/g, " ");
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced;
  }
}
