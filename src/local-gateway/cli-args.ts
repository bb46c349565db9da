/** The command line of `npm start` (scripts/local-gateway.ts), parsed. */
export interface CliArgs {
  /**
   * Serve this synthesized stack as it is.
   * @default - synthesize the app into a folder of this instance's own and serve that
   */
  readonly stackJsonPath?: string;
  readonly host: string;
  /** @default - the PORT environment variable, else 3000 */
  readonly port: number;
  readonly tlsCertPath?: string;
  readonly tlsKeyPath?: string;
  /** Generate a throw-away self-signed certificate for the host and serve HTTPS. */
  readonly selfSigned: boolean;
  /** Function name → variable → value. */
  readonly environmentOverrides: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /**
   * The credential every function that reads its own from SSM accepts locally instead.
   * @default - none: such a function fails closed (401), and start-up says so
   */
  readonly credential?: string;
  /**
   * Write one line per request.
   * @default true (`--no-request-log` turns it off; function output and start-up notes are written either way)
   */
  readonly requestLog: boolean;
  readonly help: boolean;
}

/** The stack `npm run synth` writes. */
export const DEFAULT_STACK_JSON = "cdktf.out/stacks/authorized-api/cdk.tf.json";
export const DEFAULT_PORT = 3000;

export const USAGE = `Usage: npm start -- [options]

Synthesizes the app into a folder of this instance's own (a running instance never has its stack
rewritten by another), then serves it on this machine with API Gateway's authorizer and
gateway-response behaviour.

Options:
  --stack <file>          serve this synthesized Terraform JSON as it is, without a synth
                          (e.g. ${DEFAULT_STACK_JSON} after npm run synth)
  --host <host>           address to listen on (default 127.0.0.1)
  --port <n>              port; 0 picks a free one (default: $PORT, else ${DEFAULT_PORT})
  --credential <value>    for a stack whose authorizer reads its credential from SSM: accept <value>
                          locally instead (sets CREDENTIAL_SOURCE=inline-demo and EXPECTED_CREDENTIAL)
  --tls-cert <file>       serve HTTPS with this PEM certificate (needs --tls-key)
  --tls-key <file>        the certificate's PEM private key
  --self-signed           serve HTTPS with a generated throw-away certificate (needs openssl)
  --env <fn>.<VAR>=<val>  set an environment variable of the function named <fn>; repeatable
                          e.g. --env Api-authorizer.EXPECTED_CREDENTIAL=demo
  --no-request-log        no line per request (function output and start-up notes are still shown)
  --help                  show this text
`;

/** An unusable command line; the message says which option and what is expected. */
export class CliError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CliError";
  }
}

/**
 * Parses the options, and the PORT environment variable; every problem is collected and reported together.
 *
 * @throws CliError listing the problems.
 */
export function parseCliArgs(argv: readonly string[], env: Readonly<Record<string, string | undefined>> = {}): CliArgs {
  const problems: string[] = [];
  let stackJsonPath: string | undefined;
  let host = "127.0.0.1";
  let port = DEFAULT_PORT;
  let credential: string | undefined;
  const portProblem = (source: string, text: string): string | undefined =>
    !/^\d+$/.test(text) || Number(text) > 65535 ? `${source} must be a whole number from 0 to 65535, got ${JSON.stringify(text)}` : undefined;
  if (env.PORT !== undefined && env.PORT !== "") {
    const problem = portProblem("environment variable PORT", env.PORT);
    if (problem !== undefined && !argv.includes("--port")) {
      problems.push(problem);
    } else if (problem === undefined) {
      port = Number(env.PORT);
    }
  }
  let tlsCertPath: string | undefined;
  let tlsKeyPath: string | undefined;
  let selfSigned = false;
  let help = false;
  let requestLog = true;
  const environmentOverrides: Record<string, Record<string, string>> = {};

  for (let i = 0; i < argv.length; i += 1) {
    const option = argv[i];
    const value = (): string => {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith("--")) {
        problems.push(`option ${option} needs a value`);
        return "";
      }
      i += 1;
      return next;
    };
    switch (option) {
      case "--stack":
        stackJsonPath = value();
        break;
      case "--host":
        host = value();
        break;
      case "--port": {
        const text = value();
        const problem = portProblem("option --port", text);
        if (problem !== undefined) {
          problems.push(problem);
        } else {
          port = Number(text);
        }
        break;
      }
      case "--credential":
        credential = value();
        if (!problems.includes(`option ${option} needs a value`) && !/^[\x21-\x7e]{1,512}$/.test(credential)) {
          problems.push("option --credential must be 1 to 512 visible ASCII characters (its value is not shown)");
        }
        break;
      case "--tls-cert":
        tlsCertPath = value();
        break;
      case "--tls-key":
        tlsKeyPath = value();
        break;
      case "--self-signed":
        selfSigned = true;
        break;
      case "--env": {
        const text = value();
        const match = /^([A-Za-z0-9_-]{1,64})\.([A-Za-z][A-Za-z0-9_]*)=(.*)$/s.exec(text);
        if (!match) {
          problems.push(`option --env must be <function-name>.<VARIABLE>=<value>, got ${JSON.stringify(text.replace(/=.*/s, "=…"))}`);
        } else {
          (environmentOverrides[match[1]] ??= {})[match[2]] = match[3];
        }
        break;
      }
      case "--no-request-log":
        requestLog = false;
        break;
      case "--help":
      case "-h":
        help = true;
        break;
      default:
        problems.push(`unknown option ${JSON.stringify(option)}`);
    }
  }
  if ((tlsCertPath === undefined) !== (tlsKeyPath === undefined)) {
    problems.push("options --tls-cert and --tls-key must be given together");
  }
  if (selfSigned && tlsCertPath !== undefined) {
    problems.push("option --self-signed cannot be combined with --tls-cert/--tls-key");
  }
  if (problems.length > 0) {
    throw new CliError(problems.length === 1 ? problems[0] : problems.map((p) => `- ${p}`).join("\n"));
  }
  return { stackJsonPath, host, port, tlsCertPath, tlsKeyPath, selfSigned, environmentOverrides, credential, requestLog, help };
}
