import * as http from "node:http";
import * as https from "node:https";
import { rootCertificates } from "node:tls";

/** One request as the verifier sends it. */
export interface ProbeRequest {
  readonly method: string;
  readonly url: URL;
  readonly headers: Readonly<Record<string, string>>;
}

/** What came back: header names lower case, repeated headers joined with ", " as RFC 9110 §5.3 allows. */
export interface ProbeReply {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  /** The first bytes of the body, as text. */
  readonly bodyStart: string;
}

/** How requests are sent. */
export interface ProbeTransport {
  /** Extra certificate authorities (PEM) trusted besides Node's bundled roots. @default - the bundled roots only */
  readonly extraCa?: string;
  readonly timeoutMs: number;
}

const BODY_PREVIEW_BYTES = 200;

/** Trust for https requests: Node's roots plus any extra, since a `ca` option alone would replace the roots. */
export function trustedCas(extraCa: string | undefined): string[] | undefined {
  return extraCa === undefined ? undefined : [...rootCertificates, extraCa];
}

/**
 * Sends one request on a fresh connection, verifying the certificate as a browser would (the credential
 * is never sent over a connection whose certificate does not verify), and reads the response.
 *
 * @throws Error with the transport's reason (refused, timed out, certificate not trusted, …).
 */
export function sendProbe(request: ProbeRequest, transport: ProbeTransport): Promise<ProbeReply> {
  const client = request.url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const outgoing = client.request(
      request.url,
      {
        method: request.method,
        headers: request.method === "GET" || request.method === "HEAD" ? request.headers : { ...request.headers, "content-length": "0" },
        agent: false,
        ca: trustedCas(transport.extraCa),
        timeout: transport.timeoutMs,
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on("data", (chunk: Buffer) => {
          if (size < BODY_PREVIEW_BYTES) {
            chunks.push(chunk);
          }
          size += chunk.length;
        });
        response.on("end", () => {
          const headers: Record<string, string> = {};
          for (const [name, value] of Object.entries(response.headers)) {
            headers[name] = Array.isArray(value) ? value.join(", ") : (value ?? "");
          }
          resolve({ status: response.statusCode ?? 0, headers, bodyStart: Buffer.concat(chunks).subarray(0, BODY_PREVIEW_BYTES).toString("utf8") });
        });
        response.on("error", reject);
      },
    );
    outgoing.on("timeout", () => outgoing.destroy(new Error(`no response within ${transport.timeoutMs / 1000} s`)));
    outgoing.on("error", reject);
    outgoing.end();
  });
}
