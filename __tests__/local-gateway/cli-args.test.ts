import { CliError, DEFAULT_PORT, parseCliArgs, USAGE } from "../../src/local-gateway/cli-args";

describe("parseCliArgs", () => {
  test("with no options: a fresh synth of the app (no stack file given) on 127.0.0.1 over HTTP", () => {
    expect(parseCliArgs([])).toEqual({
      stackJsonPath: undefined,
      host: "127.0.0.1",
      port: DEFAULT_PORT,
      tlsCertPath: undefined,
      tlsKeyPath: undefined,
      selfSigned: false,
      environmentOverrides: {},
      credential: undefined,
      requestLog: true,
      help: false,
    });
  });

  test("--no-request-log turns the line per request off", () => {
    expect(parseCliArgs(["--no-request-log"]).requestLog).toBe(false);
  });

  test("--stack names a file to serve as it is", () => {
    expect(parseCliArgs(["--stack", "cdktf.out/stacks/x/cdk.tf.json"]).stackJsonPath).toBe("cdktf.out/stacks/x/cdk.tf.json");
  });

  test("PORT is the default port", () => {
    expect(parseCliArgs([], { PORT: "8080" }).port).toBe(8080);
  });

  test("--port wins over PORT, even over a malformed one", () => {
    expect(parseCliArgs(["--port", "0"], { PORT: "8080" }).port).toBe(0);
    expect(parseCliArgs(["--port", "0"], { PORT: "eighty" }).port).toBe(0);
  });

  test("an empty PORT counts as unset", () => {
    expect(parseCliArgs([], { PORT: "" }).port).toBe(DEFAULT_PORT);
  });

  test("a malformed PORT is refused, naming the variable", () => {
    expect(() => parseCliArgs([], { PORT: "eighty" })).toThrow('environment variable PORT must be a whole number from 0 to 65535, got "eighty"');
  });

  test("--credential is kept for the functions that read SSM", () => {
    expect(parseCliArgs(["--credential", "demo"]).credential).toBe("demo");
  });

  test("a malformed --credential is refused without echoing it", () => {
    expect(() => parseCliArgs(["--credential", "two words"])).toThrow("option --credential must be 1 to 512 visible ASCII characters (its value is not shown)");
    expect(() => parseCliArgs(["--credential", "two words"])).toThrow(expect.objectContaining({ message: expect.not.stringContaining("two words") }));
  });

  test("--credential without a value is one problem", () => {
    expect(() => parseCliArgs(["--credential"])).toThrow(new CliError("option --credential needs a value"));
  });

  test("the usage documents --credential, PORT and that --stack skips the synth", () => {
    expect(USAGE).toContain("--credential <value>");
    expect(USAGE).toContain("$PORT");
    expect(USAGE).toMatch(/--stack <file> +serve this synthesized Terraform JSON as it is, without a synth/);
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
