import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { runTool } from "./run-tool";

/** Properties of {@link trustCaForChromium}. */
export interface NssTrustProps {
  /** The HOME the browser process will run with; its `.pki/nssdb` is created here. */
  readonly homeDirectory: string;
  /** PEM certificate of the CA to trust for TLS servers. */
  readonly caCertPath: string;
  /**
   * Nickname of the CA inside the database.
   * @default "hsts-browser-check-ca"
   */
  readonly nickname?: string;
  /**
   * The certutil executable (Debian package libnss3-tools).
   * @default "certutil" from PATH
   */
  readonly certutil?: string;
}

/**
 * Makes Chromium on Linux trust a CA: Chromium reads the user's NSS database at `$HOME/.pki/nssdb`,
 * so the database is created under a temporary HOME given only to the browser process — the machine's
 * and the user's trust stores stay untouched.
 *
 * @returns the path of the NSS database
 */
export async function trustCaForChromium(props: NssTrustProps): Promise<string> {
  const certutil = props.certutil ?? "certutil";
  const database = join(props.homeDirectory, ".pki", "nssdb");
  await mkdir(database, { recursive: true });
  const target = `sql:${database}`;
  await runTool(certutil, ["-N", "-d", target, "--empty-password"]);
  // "C,," = trusted CA for TLS servers only; no trust for e-mail or code signing.
  await runTool(certutil, ["-A", "-d", target, "-n", props.nickname ?? "hsts-browser-check-ca", "-t", "C,,", "-i", props.caCertPath]);
  return database;
}
