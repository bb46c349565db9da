import { CliError, DEFAULT_PORT, DEFAULT_STACK_JSON, parseCliArgs } from "../../src/local-gateway/cli-args";

describe("parseCliArgs", () => {
  test("with no options: the synthesized app on 127.0.0.1 over HTTP", () => {
    expect(parseCliArgs([])).toEqual({
      stackJsonPath: DEFAULT_STACK_JSON,
      host: "127.0.0.1",
      port: DEFAULT_PORT,
      tlsCertPath: undefined,
      tlsKeyPath: undefined,
      selfSigned: false,
      environmentOverrides: {},
      help: false,
    });
  });

  test("--env sets variables per function, values may contain '=' and dots", () => {
    const args = parseCliArgs(["--env", "Api-authorizer.EXPECTED_CREDENTIAL=a=b.c", "--env", "Api-authorizer.OTHER=", "--env", "Api-backend.X=1"]);
    expect(args.environmentOverrides).toEqual({ "Api-authorizer": { EXPECTED_CREDENTIAL: "a=b.c", OTHER: "" }, "Api-backend": { X: "1" } });
  });

  test("TLS files, port 0 and a host", () => {
    const args = parseCliArgs(["--tls-cert", "c.pem", "--tls-key", "k.pem", "--port", "0", "--host", "::1"]);
    expect(args.tlsCertPath).toBe("c.pem");
    expect(args.tlsKeyPath).toBe("k.pem");
    expect(args.port).toBe(0);
    expect(args.host).toBe("::1");
  });

  test("every problem is reported together, never echoing an --env value", () => {
    expect(() => parseCliArgs(["--port", "99999", "--bogus", "--env", "secret-value", "--tls-cert", "c.pem"])).toThrow(CliError);
    try {
      parseCliArgs(["--port", "99999", "--bogus", "--env", "no-equals-secret", "--tls-cert", "c.pem"]);
    } catch (error: unknown) {
      const message = error instanceof Error ? error.message : "";
      expect(message.split("\n")).toEqual([
        '- option --port must be a whole number from 0 to 65535, got "99999"',
        '- unknown option "--bogus"',
        '- option --env must be <function-name>.<VARIABLE>=<value>, got "no-equals-secret"',
        "- options --tls-cert and --tls-key must be given together",
      ]);
    }
  });

  test("--env never echoes the value of a malformed assignment", () => {
    expect(() => parseCliArgs(["--env", "bad name.X=hunter2"])).toThrow('got "bad name.X=…"');
  });

  test("--self-signed excludes given certificate files", () => {
    expect(() => parseCliArgs(["--self-signed", "--tls-cert", "c", "--tls-key", "k"])).toThrow("option --self-signed cannot be combined with --tls-cert/--tls-key");
  });
});
