import { randomBytes } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { runTool } from "./run-tool";

/** A server certificate and its private key, both PEM, as `https.createServer` takes them. */
export interface LeafCertificate {
  readonly cert: string;
  readonly key: string;
}

/** A certificate authority that exists only for one test run. */
export interface LocalCa {
  /** Path of the CA certificate (PEM): what the browser is told to trust. */
  readonly certPath: string;
  /** Issues a server certificate valid for every name in `hostNames` (subject alternative names). */
  issueServerCertificate(hostNames: readonly string[]): Promise<LeafCertificate>;
}

/** Properties of {@link createLocalCa}. */
export interface LocalCaProps {
  /** Folder that receives the CA's key and certificate; the caller removes it. */
  readonly directory: string;
  /**
   * Common name of the CA certificate.
   * @default "HSTS browser check throw-away CA"
   */
  readonly commonName?: string;
  /**
   * The openssl executable.
   * @default "openssl" from PATH
   */
  readonly openssl?: string;
}

const HOST_NAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/;

// One day is enough for one run; a short life also keeps a leaked key harmless.
const VALIDITY_DAYS = "1";

/**
 * Creates a throw-away certificate authority with the openssl CLI.
 *
 * A real CA (rather than a self-signed server certificate the browser is told to ignore errors for) is
 * the point: Chromium only records `Strict-Transport-Security` from a connection without certificate
 * errors, so the CA is made trusted in the browser's NSS database and the servers present leaves it issued.
 */
export async function createLocalCa(props: LocalCaProps): Promise<LocalCa> {
  const openssl = props.openssl ?? "openssl";
  const keyPath = join(props.directory, "ca.key.pem");
  const certPath = join(props.directory, "ca.cert.pem");
  await runTool(openssl, [
    "req", "-x509", "-nodes",
    "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
    "-keyout", keyPath, "-out", certPath,
    "-days", VALIDITY_DAYS,
    "-subj", `/CN=${props.commonName ?? "HSTS browser check throw-away CA"}`,
    "-addext", "basicConstraints=critical,CA:TRUE,pathlen:0",
    "-addext", "keyUsage=critical,keyCertSign,cRLSign",
  ]);

  let issued = 0;
  return {
    certPath,
    async issueServerCertificate(hostNames) {
      if (hostNames.length === 0) {
        throw new Error("issueServerCertificate: 'hostNames' must name at least one host, got none");
      }
      const invalid = hostNames.filter((name) => !HOST_NAME.test(name));
      if (invalid.length > 0) {
        throw new Error(
          `issueServerCertificate: 'hostNames' must be lower-case DNS names, got ${invalid.map((n) => `'${n}'`).join(", ")}`,
        );
      }
      issued += 1;
      const base = join(props.directory, `leaf-${issued}`);
      const extensionsPath = `${base}.ext`;
      await writeFile(
        extensionsPath,
        [
          `subjectAltName=${hostNames.map((name) => `DNS:${name}`).join(",")}`,
          "basicConstraints=critical,CA:FALSE",
          "keyUsage=critical,digitalSignature",
          "extendedKeyUsage=serverAuth",
          "",
        ].join("\n"),
      );
      await runTool(openssl, [
        "req", "-new", "-nodes",
        "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
        "-keyout", `${base}.key.pem`, "-out", `${base}.csr.pem`,
        "-subj", `/CN=${hostNames[0]}`,
      ]);
      await runTool(openssl, [
        "x509", "-req",
        "-in", `${base}.csr.pem`, "-CA", certPath, "-CAkey", keyPath,
        // Random serials: browsers reject two certificates from one issuer with the same serial.
        "-set_serial", `0x${randomBytes(16).toString("hex")}`,
        "-days", VALIDITY_DAYS, "-sha256",
        "-extfile", extensionsPath,
        "-out", `${base}.cert.pem`,
      ]);
      return {
        cert: await readFile(`${base}.cert.pem`, "utf8"),
        key: await readFile(`${base}.key.pem`, "utf8"),
      };
    },
  };
}
