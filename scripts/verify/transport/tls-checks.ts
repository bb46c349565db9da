import * as http from "node:http";
import * as net from "node:net";
import * as tls from "node:tls";
import { fail, pass, type CheckResult } from "../check-result";
import { trustedCas } from "./http-probe";

/** What one TLS handshake showed. */
export interface TlsObservation {
  /** `TLSv1.3`, `TLSv1.2`, …; undefined when the handshake failed. */
  readonly protocol?: string;
  /** Why the chain does not verify (`DEPTH_ZERO_SELF_SIGNED_CERT`, `CERT_HAS_EXPIRED`, …); undefined when it does. */
  readonly chainError?: string;
  /** Why the certificate does not name the host; undefined when it does. */
  readonly hostError?: string;
  /** Subject CN and expiry, for the report. */
  readonly certificate?: string;
  /** Why no handshake completed. */
  readonly handshakeError?: string;
}

/** What asking for the http:// URL got. */
export type PlainHttpObservation =
  | { readonly kind: "no-service"; readonly detail: string }
  | { readonly kind: "response"; readonly status: number; readonly location?: string };

const TLS_OK = ["TLSv1.2", "TLSv1.3"];

/** TLS 1.2 or newer negotiated. */
export function tlsVersionCheck(observation: TlsObservation): CheckResult {
  const name = "TLS 1.2 or newer";
  if (observation.protocol === undefined) {
    return fail(name, `no TLS handshake: ${observation.handshakeError ?? "unknown error"}`);
  }
  return TLS_OK.includes(observation.protocol) ? pass(name, `negotiated ${observation.protocol}`) : fail(name, `negotiated ${observation.protocol}`);
}

/** The certificate chains to a trusted root and names the host. */
export function certificateCheck(observation: TlsObservation, host: string): CheckResult {
  const name = `certificate valid for ${host}`;
  if (observation.protocol === undefined) {
    return fail(name, `no TLS handshake: ${observation.handshakeError ?? "unknown error"}`);
  }
  const problems = [observation.chainError, observation.hostError].filter((problem): problem is string => problem !== undefined);
  return problems.length === 0 ? pass(name, observation.certificate ?? "verified") : fail(name, `${problems.join("; ")} (${observation.certificate ?? "no certificate"})`);
}

/**
 * The http:// form of the URL must not serve the API: nothing answers (refused, reset, not TLS-free), or
 * it redirects to https:// on the same host. Any other answer means a client can talk to it in the clear.
 */
export function plainHttpCheck(observation: PlainHttpObservation, httpUrl: URL): CheckResult {
  const name = `${httpUrl.origin} refused or redirected to https`;
  if (observation.kind === "no-service") {
    return pass(name, `not served: ${observation.detail}`);
  }
  const location = observation.location;
  let target: URL | undefined;
  try {
    target = location === undefined ? undefined : new URL(location, httpUrl);
  } catch {
    target = undefined;
  }
  const redirect = [301, 302, 303, 307, 308].includes(observation.status);
  if (redirect && target?.protocol === "https:" && target.hostname === httpUrl.hostname) {
    return pass(name, `${observation.status} to ${target.href}`);
  }
  return fail(name, redirect ? `${observation.status} to ${location ?? "(no Location)"}, not https on the same host` : `answered ${observation.status} over plain HTTP`);
}

/** Performs one handshake that reports, rather than refuses, an untrusted or misnamed certificate. */
export function observeTls(url: URL, extraCa: string | undefined, timeoutMs: number): Promise<TlsObservation> {
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
  return new Promise((resolve) => {
    const socket = tls.connect({
      host,
      port: Number(url.port || 443),
      servername: net.isIP(host) === 0 ? host : undefined,
      ca: trustedCas(extraCa),
      // Accept the handshake whatever the certificate, so the report can say what is wrong with it;
      // nothing is sent on this connection.
      rejectUnauthorized: false,
      // Let an old protocol complete, so the report names it rather than a generic handshake failure.
      minVersion: "TLSv1",
      timeout: timeoutMs,
    });
    let settled = false;
    const finish = (observation: TlsObservation): void => {
      if (!settled) {
        settled = true;
        socket.destroy();
        resolve(observation);
      }
    };
    socket.once("secureConnect", () => {
      const peer = socket.getPeerCertificate();
      const identity = peer.subject === undefined ? new Error("no certificate presented") : tls.checkServerIdentity(host, peer);
      finish({
        protocol: socket.getProtocol() ?? undefined,
        chainError: socket.authorized ? undefined : String(socket.authorizationError),
        hostError: identity?.message,
        certificate: peer.subject === undefined ? undefined : `subject CN=${peer.subject.CN ?? "?"}, issuer CN=${peer.issuer?.CN ?? "?"}, valid until ${peer.valid_to}`,
      });
    });
    socket.once("timeout", () => finish({ handshakeError: `no handshake within ${timeoutMs / 1000} s` }));
    socket.once("error", (error: Error) => finish({ handshakeError: error.message }));
  });
}

/** The https URL's http:// twin: same host and path, port 80 unless the URL names one. */
export function plainHttpUrl(url: URL): URL {
  const twin = new URL(url.href);
  twin.protocol = "http:";
  return twin;
}

/** Asks for the http:// URL; no connection, a reset or a timeout all mean nothing serves it in the clear. */
export function observePlainHttp(url: URL, timeoutMs: number): Promise<PlainHttpObservation> {
  return new Promise((resolve) => {
    const request = http.request(url, { method: "GET", agent: false, timeout: timeoutMs }, (response) => {
      response.resume();
      resolve({ kind: "response", status: response.statusCode ?? 0, location: response.headers.location });
    });
    request.on("timeout", () => request.destroy(new Error(`no answer within ${timeoutMs / 1000} s`)));
    request.on("error", (error: NodeJS.ErrnoException) => resolve({ kind: "no-service", detail: error.message }));
    request.end();
  });
}
