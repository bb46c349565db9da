import { certificateCheck, plainHttpCheck, plainHttpUrl, tlsVersionCheck } from "../../../scripts/verify/transport/tls-checks";

const HTTP_URL = new URL("http://api.example.com/prod");

describe("tlsVersionCheck", () => {
  test.each(["TLSv1.2", "TLSv1.3"])("%s passes", (protocol) => {
    expect(tlsVersionCheck({ protocol }).outcome).toBe("pass");
  });

  test.each(["TLSv1", "TLSv1.1"])("%s fails and is named", (protocol) => {
    expect(tlsVersionCheck({ protocol })).toEqual(expect.objectContaining({ outcome: "fail", saw: `negotiated ${protocol}` }));
  });

  test("no handshake fails with its reason", () => {
    expect(tlsVersionCheck({ handshakeError: "ECONNREFUSED" })).toEqual(expect.objectContaining({ outcome: "fail", saw: expect.stringContaining("ECONNREFUSED") }));
  });
});

describe("certificateCheck", () => {
  test("a chain that verifies and names the host passes", () => {
    expect(certificateCheck({ protocol: "TLSv1.3", certificate: "subject CN=api" }, "api.example.com").outcome).toBe("pass");
  });

  test("an untrusted chain fails with the reason", () => {
    const result = certificateCheck({ protocol: "TLSv1.3", chainError: "DEPTH_ZERO_SELF_SIGNED_CERT" }, "api.example.com");
    expect(result.outcome).toBe("fail");
    expect(result.saw).toContain("DEPTH_ZERO_SELF_SIGNED_CERT");
  });

  test("a certificate for another host fails even when its chain verifies", () => {
    const result = certificateCheck({ protocol: "TLSv1.3", hostError: "Hostname/IP does not match certificate's altnames" }, "api.example.com");
    expect(result.outcome).toBe("fail");
    expect(result.saw).toContain("does not match");
  });
});

describe("plainHttpCheck", () => {
  test("nothing serving plain HTTP passes", () => {
    expect(plainHttpCheck({ kind: "no-service", detail: "connect ECONNREFUSED" }, HTTP_URL).outcome).toBe("pass");
  });

  test.each([301, 302, 307, 308])("a %i to https on the same host passes", (status) => {
    expect(plainHttpCheck({ kind: "response", status, location: "https://api.example.com/prod" }, HTTP_URL).outcome).toBe("pass");
  });

  test("a redirect to plain http fails", () => {
    expect(plainHttpCheck({ kind: "response", status: 301, location: "http://api.example.com/prod/" }, HTTP_URL).outcome).toBe("fail");
  });

  test("a redirect to another host fails", () => {
    expect(plainHttpCheck({ kind: "response", status: 301, location: "https://evil.example.net/" }, HTTP_URL).outcome).toBe("fail");
  });

  test("a page served over plain HTTP fails and says so", () => {
    expect(plainHttpCheck({ kind: "response", status: 200 }, HTTP_URL)).toEqual(expect.objectContaining({ outcome: "fail", saw: "answered 200 over plain HTTP" }));
  });
});

describe("plainHttpUrl", () => {
  test("the default https port becomes the default http port", () => {
    expect(plainHttpUrl(new URL("https://api.example.com/prod")).href).toBe("http://api.example.com/prod");
  });

  test("an explicit port is kept", () => {
    expect(plainHttpUrl(new URL("https://127.0.0.1:8443/prod")).href).toBe("http://127.0.0.1:8443/prod");
  });
});
