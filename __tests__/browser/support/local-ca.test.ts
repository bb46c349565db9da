import { createPrivateKey, X509Certificate } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createLocalCa, type LocalCa } from "./local-ca";

const SERVER_AUTH_OID = "1.3.6.1.5.5.7.3.1";
const ONE_DAY_MS = 24 * 60 * 60 * 1000;

describe("createLocalCa", () => {
  let directory: string;
  let ca: LocalCa;
  let caCert: X509Certificate;

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), "local-ca-test-"));
    ca = await createLocalCa({ directory });
    caCert = new X509Certificate(await readFile(ca.certPath));
  }, 30_000);

  afterAll(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  test("creates a CA certificate that may sign certificates", () => {
    expect(caCert.ca).toBe(true);
    expect(caCert.subject).toBe("CN=HSTS browser check throw-away CA");
  });

  test("issues a server certificate that names every host and is signed by the CA", async () => {
    const leaf = await ca.issueServerCertificate(["a.example.test", "b.example.test"]);
    const cert = new X509Certificate(leaf.cert);
    expect(cert.subjectAltName).toBe("DNS:a.example.test, DNS:b.example.test");
    expect(cert.checkIssued(caCert)).toBe(true);
    expect(cert.verify(caCert.publicKey)).toBe(true);
    expect(cert.ca).toBe(false);
    expect(cert.keyUsage).toEqual([SERVER_AUTH_OID]);
    expect(cert.checkPrivateKey(createPrivateKey(leaf.key))).toBe(true);
  });

  test("issues short-lived certificates with distinct serial numbers", async () => {
    const first = new X509Certificate((await ca.issueServerCertificate(["c.example.test"])).cert);
    const second = new X509Certificate((await ca.issueServerCertificate(["c.example.test"])).cert);
    expect(first.serialNumber).not.toBe(second.serialNumber);
    expect(Date.parse(first.validTo) - Date.parse(first.validFrom)).toBeLessThanOrEqual(ONE_DAY_MS);
  });

  test("refuses an empty list of host names", async () => {
    await expect(ca.issueServerCertificate([])).rejects.toThrow("'hostNames' must name at least one host, got none");
  });

  test("refuses host names that are not lower-case DNS names, naming each", async () => {
    await expect(ca.issueServerCertificate(["ok.test", "Bad.test", "-x.test"])).rejects.toThrow(
      "'hostNames' must be lower-case DNS names, got 'Bad.test', '-x.test'",
    );
  });
});
