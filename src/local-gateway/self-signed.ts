import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { isIP } from "node:net";
import { tmpdir } from "node:os";
import * as path from "node:path";

/**
 * A throw-away self-signed certificate and key for `host` (plus localhost, 127.0.0.1 and ::1), made with the
 * `openssl` command line and valid for 7 days. Browsers will warn about it; it exists so HSTS can be seen
 * over HTTPS without a CA. For a browser test, make a local CA and pass its leaf with --tls-cert/--tls-key.
 *
 * @throws Error naming openssl when it is missing or fails.
 */
export function selfSignedCertificate(host: string): { cert: Buffer; key: Buffer } {
  const names = new Set([host === "0.0.0.0" || host === "::" ? "localhost" : host, "localhost", "127.0.0.1", "::1"]);
  const subjectAltName = [...names].map((name) => (isIP(name) ? `IP:${name}` : `DNS:${name}`)).join(",");
  const directory = mkdtempSync(path.join(tmpdir(), "local-gateway-tls-"));
  try {
    const keyPath = path.join(directory, "key.pem");
    const certPath = path.join(directory, "cert.pem");
    execFileSync(
      "openssl",
      ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "7", "-subj", "/CN=local-gateway", "-addext", `subjectAltName=${subjectAltName}`, "-keyout", keyPath, "-out", certPath],
      { stdio: ["ignore", "ignore", "pipe"] },
    );
    return { cert: readFileSync(certPath), key: readFileSync(keyPath) };
  } catch (error: unknown) {
    throw new Error(`--self-signed needs the openssl command line: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}
