/** The command line of `npm run verify`, parsed. */
export interface VerifyArgs {
  /** The stage's invoke URL without a trailing slash, e.g. `https://abc123.execute-api.eu-west-1.amazonaws.com/prod`. */
  readonly stageUrl: URL;
  /** @default - the environment's VERIFY_CREDENTIAL; without either, the 2xx check is skipped */
  readonly credential?: string;
  /** @default - the one cdktf.out/stacks/<stack>/cdk.tf.json under the working directory, else the seed's defaults */
  readonly stackFile?: string;
  /** @default - the stack's authorized route, else `/test` */
  readonly resourcePath?: string;
  /** @default - the route's method in the stack, else `GET` */
  readonly httpMethod?: string;
  /** @default - the stack's authorizer identity header, else `x-custom-auth` */
  readonly identityHeader?: string;
  /** A PEM file of certificate authorities to trust besides the system's (a private CA). @default - the system's only */
  readonly caFile?: string;
  /** Per request. @default 10 */
  readonly timeoutSeconds: number;
  /** Print one JSON document instead of lines. @default false */
  readonly json: boolean;
  readonly help: boolean;
}

/** The environment variable the credential may come from, so it stays out of shell history and `ps`. */
export const CREDENTIAL_ENV = "VERIFY_CREDENTIAL";

export const DEFAULT_TIMEOUT_SECONDS = 10;

export const VERIFY_USAGE = `Usage: npm run verify -- <stage invoke URL> [options]

Checks a deployed stage: 401 without a credential, 403 with a wrong one, 2xx with the right one, 403 for an
unknown path and for a method the route lacks, the header policy and a valid HSTS on every response, and
for https URLs TLS 1.2+, the certificate, and that http:// is refused or redirected. Exit 0 when all hold,
1 when one fails, 2 for a bad command line.

Options:
  --credential <value>       the accepted credential (or env ${CREDENTIAL_ENV}); without it the 2xx check is skipped
  --stack <file>             synthesized stack to read the route, identity header and header policy from
                             (default: the one cdktf.out/stacks/*/cdk.tf.json here, else the seed's defaults)
  --path <path>              the authorized route under the stage (default: from the stack, else /test)
  --method <method>          its method (default: from the stack, else GET)
  --identity-header <name>   the header carrying the credential (default: from the stack, else x-custom-auth)
  --ca <file>                PEM certificate authorities to trust besides the system's (a private CA)
  --timeout <seconds>        per request, 1 to 120 (default ${DEFAULT_TIMEOUT_SECONDS})
  --json                     one JSON document on stdout instead of lines
  --help                     show this text
`;

/** An unusable command line; the message names the argument and what is allowed. */
export class VerifyArgError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "VerifyArgError";
  }
}

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "ANY"];
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const PATH = /^(\/[A-Za-z0-9._~!$&'()*+,;=:@%-]+)+$/;

/**
 * Parses the arguments; the first problem stops the parse.
 *
 * @throws VerifyArgError naming the argument.
 */
export function parseVerifyArgs(argv: readonly string[], env: Readonly<Record<string, string | undefined>> = {}): VerifyArgs {
  let url: string | undefined;
  let credential: string | undefined = env[CREDENTIAL_ENV] === "" ? undefined : env[CREDENTIAL_ENV];
  let stackFile: string | undefined;
  let resourcePath: string | undefined;
  let httpMethod: string | undefined;
  let identityHeader: string | undefined;
  let caFile: string | undefined;
  let timeoutSeconds = DEFAULT_TIMEOUT_SECONDS;
  let json = false;
  let help = false;

  for (let i = 0; i < argv.length; i += 1) {
    const option = argv[i];
    const value = (): string => {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith("--")) {
        throw new VerifyArgError(`option ${option} needs a value`);
      }
      i += 1;
      return next;
    };
    switch (option) {
      case "--credential":
        credential = value();
        if (!/^[\x21-\x7e]+$/.test(credential)) {
          throw new VerifyArgError("option --credential must be visible ASCII characters (its value is not shown)");
        }
        break;
      case "--stack":
        stackFile = value();
        break;
      case "--path":
        resourcePath = value();
        if (!PATH.test(resourcePath)) {
          throw new VerifyArgError(`option --path must be an absolute path like /test, got ${JSON.stringify(resourcePath)}`);
        }
        break;
      case "--method":
        httpMethod = value().toUpperCase();
        if (!METHODS.includes(httpMethod)) {
          throw new VerifyArgError(`option --method must be one of ${METHODS.join(" ")}, got ${JSON.stringify(httpMethod)}`);
        }
        break;
      case "--identity-header":
        identityHeader = value().toLowerCase();
        if (!TOKEN.test(identityHeader)) {
          throw new VerifyArgError(`option --identity-header must be an HTTP header name, got ${JSON.stringify(identityHeader)}`);
        }
        break;
      case "--ca":
        caFile = value();
        break;
      case "--timeout": {
        const text = value();
        if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > 120) {
          throw new VerifyArgError(`option --timeout must be a whole number of seconds from 1 to 120, got ${JSON.stringify(text)}`);
        }
        timeoutSeconds = Number(text);
        break;
      }
      case "--json":
        json = true;
        break;
      case "--help":
      case "-h":
        help = true;
        break;
      default:
        if (option.startsWith("-")) {
          throw new VerifyArgError(`unknown option ${JSON.stringify(option)} (see --help)`);
        }
        if (url !== undefined) {
          throw new VerifyArgError(`one stage invoke URL only, got ${JSON.stringify(url)} and ${JSON.stringify(option)}`);
        }
        url = option;
    }
  }
  if (help) {
    return { stageUrl: new URL("http://localhost"), timeoutSeconds, json, help };
  }
  return {
    stageUrl: stageUrlOf(url),
    credential,
    stackFile,
    resourcePath,
    httpMethod,
    identityHeader,
    caFile,
    timeoutSeconds,
    json,
    help,
  };
}

function stageUrlOf(text: string | undefined): URL {
  if (text === undefined) {
    throw new VerifyArgError("argument <stage invoke URL> is missing, e.g. npm run verify -- https://abc123.execute-api.eu-west-1.amazonaws.com/prod");
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new VerifyArgError(`argument <stage invoke URL> must be an absolute http(s) URL, got ${JSON.stringify(text)}`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new VerifyArgError(`argument <stage invoke URL> must be http:// or https://, got ${JSON.stringify(url.protocol)}`);
  }
  if (url.search !== "" || url.hash !== "" || url.username !== "" || url.password !== "") {
    throw new VerifyArgError(`argument <stage invoke URL> must be the stage's invoke URL without query, fragment or user info, got ${JSON.stringify(text)}`);
  }
  url.pathname = url.pathname.replace(/\/+$/, "");
  return url;
}
