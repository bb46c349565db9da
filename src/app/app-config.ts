import { authorizerTtlProblems, DEFAULT_AUTHORIZER_TTL_SECONDS } from "../authorizers/lambda-authorizer";
import { GatewayResponseSpec, gatewayResponseProblems, withoutHeaderPolicyProblems } from "../gateway-responses/gateway-response-spec";
import { ResponseTypeName } from "../gateway-responses/response-type";
import { logRetentionProblems } from "../lambda/log-retention";
import { DEFAULT_STAGE_LOG_RETENTION_DAYS, DEFAULT_THROTTLING_BURST_LIMIT, DEFAULT_THROTTLING_RATE_LIMIT } from "../rest-api/api-stage";
import { httpMethodProblems, resourcePathProblems } from "../rest-api/resource-path";
import { stageNameProblems } from "../rest-api/stage-name";
import { CorsOptions } from "../security-headers/cors";
import { headerNameProblems } from "../security-headers/header-rules";
import { HstsOptions, hstsWithDefaults } from "../security-headers/hsts";
import { securityHeaderProblems } from "../security-headers/security-header-policy";
import { OWASP_API_HEADER_DEFAULTS } from "../security-headers/security-header-defaults";
import { ConfigError, integerInRange, isBoolean, show, throwIfProblems } from "../validation/config-error";
import { AWS_REGION } from "./aws-region";
import { EXAMPLE_GATEWAY_RESPONSES } from "./example-responses";
import { DEFAULT_STATE_BACKEND, StateBackendConfig, stateBackendProblems } from "./state-backend";

/** Where the authorizer gets the one credential it accepts. */
export type CredentialSource = "ssm" | "inline-demo";

/** The app's settings, validated, with every default filled in. */
export interface AppConfig {
  /** The AWS region to deploy to. */
  readonly region: string;
  /** The REST API's name; also prefixes the functions' names. */
  readonly apiName: string;
  /** The protected path. */
  readonly resourcePath: string;
  /** The protected method. */
  readonly httpMethod: string;
  /** The stage: the first segment of every URL. */
  readonly stageName: string;
  readonly authorizer: {
    /** The header that carries the credential. */
    readonly identityHeader: string;
    /** How long API Gateway caches a decision, in seconds (0 to 3600). */
    readonly resultTtlSeconds: number;
    /** `ssm`: a SecureString parameter; `inline-demo`: {@link credential} in the function's environment. */
    readonly credentialSource: CredentialSource;
    /** The credential itself; only with `inline-demo`. */
    readonly credential: string | undefined;
    /** The SSM parameter that holds the credential. */
    readonly credentialParameterName: string;
    /** The customer-managed KMS key that encrypts the parameter; `undefined` for the AWS-managed key. */
    readonly credentialKmsKeyArn: string | undefined;
    /** How long a warm authorizer keeps the credential it read, in seconds. */
    readonly credentialCacheSeconds: number;
    /** Reserved concurrency of the authorizer function; `undefined` reserves none. */
    readonly reservedConcurrency: number | undefined;
  };
  readonly securityHeaders: {
    readonly hsts: Required<HstsOptions>;
    readonly contentTypeOptions: boolean;
    readonly cacheControl: string | false;
    readonly contentSecurityPolicy: string | false;
    readonly frameOptions: string | false;
    readonly referrerPolicy: string | false;
    readonly cors: CorsOptions | undefined;
    readonly additionalHeaders: Readonly<Record<string, string>>;
  };
  readonly stage: {
    /** Steady-state requests per second across the stage. */
    readonly throttlingRateLimit: number;
    /** Burst of requests the stage absorbs above the rate. */
    readonly throttlingBurstLimit: number;
    /** Whether the stack sets API Gateway's account-wide CloudWatch Logs role (needed for stage logging). */
    readonly manageAccountLoggingRole: boolean;
    /** A WAFv2 web ACL to associate with the stage (CKV2_AWS_29); `undefined` for none. */
    readonly webAclArn: string | undefined;
  };
  /** Scanner-rule options for the functions. */
  readonly functions: {
    /** A customer KMS key for the functions' environment variables (CKV_AWS_173). */
    readonly environmentKmsKeyArn: string | undefined;
    /** A Lambda code-signing configuration (CKV_AWS_272). */
    readonly codeSigningConfigArn: string | undefined;
    /** Reserved concurrency of the backend function (CKV_AWS_115); `undefined` reserves none. */
    readonly backendReservedConcurrency: number | undefined;
  };
  /** Status codes and messages of gateway responses that differ from the library's defaults. */
  readonly gatewayResponses: readonly GatewayResponseSpec[];
  /** The explicit opt-out: response types left to AWS, without the header policy. */
  readonly gatewayResponsesWithoutHeaderPolicy: readonly ResponseTypeName[];
  /** A customer KMS key for every log group, the stage's and the functions' (CKV_AWS_158). */
  readonly logsKmsKeyArn: string | undefined;
  /** How long the functions' and the stage's logs are kept. */
  readonly logRetentionDays: number;
  /** Where Terraform keeps the state: local (the default) or an S3 bucket. */
  readonly stateBackend: StateBackendConfig;
}

/** The cdktf.json context key that holds the settings. */
export const CONTEXT_KEY = "apiGateway";

/** The credential the inline demo accepts unless told otherwise: the reference's. */
export const DEMO_CREDENTIAL = "allow";

type Kind = "string" | "integer" | "boolean" | "json" | "string-or-false" | "integer-or-none";

/** Every setting: where it sits in the context object, and the environment variable that overrides it. */
export const SETTINGS: readonly { readonly path: string; readonly env: string; readonly kind: Kind }[] = [
  { path: "region", env: "APIGW_REGION", kind: "string" },
  { path: "apiName", env: "APIGW_API_NAME", kind: "string" },
  { path: "resourcePath", env: "APIGW_RESOURCE_PATH", kind: "string" },
  { path: "httpMethod", env: "APIGW_HTTP_METHOD", kind: "string" },
  { path: "stageName", env: "APIGW_STAGE_NAME", kind: "string" },
  { path: "authorizer.identityHeader", env: "APIGW_IDENTITY_HEADER", kind: "string" },
  { path: "authorizer.resultTtlSeconds", env: "APIGW_AUTHORIZER_TTL_SECONDS", kind: "integer" },
  { path: "authorizer.credentialSource", env: "APIGW_CREDENTIAL_SOURCE", kind: "string" },
  { path: "authorizer.credential", env: "APIGW_CREDENTIAL", kind: "string" },
  { path: "authorizer.credentialParameterName", env: "APIGW_CREDENTIAL_PARAMETER", kind: "string" },
  { path: "authorizer.credentialKmsKeyArn", env: "APIGW_CREDENTIAL_KMS_KEY_ARN", kind: "string" },
  { path: "authorizer.credentialCacheSeconds", env: "APIGW_CREDENTIAL_CACHE_SECONDS", kind: "integer" },
  { path: "authorizer.reservedConcurrency", env: "APIGW_AUTHORIZER_RESERVED_CONCURRENCY", kind: "integer-or-none" },
  { path: "securityHeaders.hsts.maxAgeSeconds", env: "APIGW_HSTS_MAX_AGE_SECONDS", kind: "integer" },
  { path: "securityHeaders.hsts.includeSubDomains", env: "APIGW_HSTS_INCLUDE_SUBDOMAINS", kind: "boolean" },
  { path: "securityHeaders.hsts.preload", env: "APIGW_HSTS_PRELOAD", kind: "boolean" },
  { path: "securityHeaders.contentTypeOptions", env: "APIGW_CONTENT_TYPE_OPTIONS", kind: "boolean" },
  { path: "securityHeaders.cacheControl", env: "APIGW_CACHE_CONTROL", kind: "string-or-false" },
  { path: "securityHeaders.contentSecurityPolicy", env: "APIGW_CONTENT_SECURITY_POLICY", kind: "string-or-false" },
  { path: "securityHeaders.frameOptions", env: "APIGW_FRAME_OPTIONS", kind: "string-or-false" },
  { path: "securityHeaders.referrerPolicy", env: "APIGW_REFERRER_POLICY", kind: "string-or-false" },
  { path: "securityHeaders.cors", env: "APIGW_CORS", kind: "json" },
  { path: "securityHeaders.additionalHeaders", env: "APIGW_ADDITIONAL_HEADERS", kind: "json" },
  { path: "stage.throttlingRateLimit", env: "APIGW_THROTTLING_RATE_LIMIT", kind: "integer" },
  { path: "stage.throttlingBurstLimit", env: "APIGW_THROTTLING_BURST_LIMIT", kind: "integer" },
  { path: "stage.manageAccountLoggingRole", env: "APIGW_MANAGE_ACCOUNT_LOGGING_ROLE", kind: "boolean" },
  { path: "stage.webAclArn", env: "APIGW_WEB_ACL_ARN", kind: "string" },
  { path: "functions.environmentKmsKeyArn", env: "APIGW_ENVIRONMENT_KMS_KEY_ARN", kind: "string" },
  { path: "functions.codeSigningConfigArn", env: "APIGW_CODE_SIGNING_CONFIG_ARN", kind: "string" },
  { path: "functions.backendReservedConcurrency", env: "APIGW_BACKEND_RESERVED_CONCURRENCY", kind: "integer-or-none" },
  { path: "logsKmsKeyArn", env: "APIGW_LOGS_KMS_KEY_ARN", kind: "string" },
  { path: "gatewayResponses", env: "APIGW_GATEWAY_RESPONSES", kind: "json" },
  { path: "gatewayResponsesWithoutHeaderPolicy", env: "APIGW_GATEWAY_RESPONSES_WITHOUT_HEADER_POLICY", kind: "json" },
  { path: "logRetentionDays", env: "APIGW_LOG_RETENTION_DAYS", kind: "integer" },
  { path: "stateBackend.type", env: "APIGW_STATE_BACKEND", kind: "string" },
  { path: "stateBackend.bucket", env: "APIGW_STATE_BUCKET", kind: "string" },
  { path: "stateBackend.key", env: "APIGW_STATE_KEY", kind: "string" },
  { path: "stateBackend.region", env: "APIGW_STATE_REGION", kind: "string" },
  { path: "stateBackend.kmsKeyId", env: "APIGW_STATE_KMS_KEY_ID", kind: "string" },
];

const API_NAME = /^[A-Za-z0-9_-]{1,48}$/;
const CREDENTIAL = /^[\x21-\x7e]{1,512}$/;
const PARAMETER_NAME = /^\/[A-Za-z0-9_.\-/]{1,1010}$/;
const KMS_KEY_ARN = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[A-Za-z0-9-]+$/;
const CREDENTIAL_SOURCES: readonly CredentialSource[] = ["ssm", "inline-demo"];
const WEB_ACL_ARN = /^arn:aws[a-z-]*:wafv2:[a-z0-9-]+:\d{12}:regional\/webacl\/[A-Za-z0-9_-]{1,128}\/[A-Za-z0-9-]{1,64}$/;
const CODE_SIGNING_ARN = /^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:code-signing-config:csc-[a-z0-9]{17}$/;

function optionalArn(field: string, value: unknown, pattern: RegExp, expected: string): string[] {
  return value === undefined || (typeof value === "string" && pattern.test(value)) ? [] : [`property '${field}' must be ${expected}, got ${show(value)}`];
}

/**
 * Reads the settings from the cdktf.json context object (key {@link CONTEXT_KEY}) and the environment
 * (which wins), fills in defaults and validates everything.
 *
 * @throws ConfigError listing every problem, each naming the field, the value and what is allowed.
 */
export function loadAppConfig(context: unknown, env: Readonly<Record<string, string | undefined>>): AppConfig {
  const source = context === undefined ? {} : context;
  if (!isPlainObject(source)) {
    throw new ConfigError([`context '${CONTEXT_KEY}' must be an object, got ${show(source)}`]);
  }
  const problems = unknownKeyProblems(source);
  const raw = new Map<string, unknown>();
  for (const setting of SETTINGS) {
    const fromContext = readPath(source, setting.path);
    if (fromContext !== undefined) {
      raw.set(setting.path, fromContext);
    }
    const fromEnv = env[setting.env];
    if (fromEnv === "") {
      // An empty variable is more often a templating slip than a wish for the default: say so.
      problems.push(`environment variable ${setting.env} is empty; unset it to use the default`);
    } else if (fromEnv !== undefined) {
      const parsed = parseEnv(setting.kind, fromEnv);
      if (parsed.ok) {
        raw.set(setting.path, parsed.value);
      } else {
        problems.push(`environment variable ${setting.env} must be ${parsed.expected}, got ${show(fromEnv)}`);
      }
    }
  }
  const get = <T>(path: string, fallback: T): T => (raw.has(path) ? (raw.get(path) as T) : fallback);
  const apiName = get("apiName", "Api");
  const credentialSource = get<CredentialSource>("authorizer.credentialSource", "ssm");
  const hstsDefaults = hstsWithDefaults();
  const d = OWASP_API_HEADER_DEFAULTS;
  const reservedConcurrency = get<number | null>("authorizer.reservedConcurrency", 50);
  const config: AppConfig = {
    region: get("region", "ap-northeast-1"),
    apiName,
    resourcePath: get("resourcePath", "/test"),
    httpMethod: get("httpMethod", "GET"),
    stageName: get("stageName", "prod"),
    authorizer: {
      identityHeader: get("authorizer.identityHeader", "x-custom-auth"),
      resultTtlSeconds: get("authorizer.resultTtlSeconds", DEFAULT_AUTHORIZER_TTL_SECONDS),
      credentialSource,
      credential: get("authorizer.credential", credentialSource === "inline-demo" ? DEMO_CREDENTIAL : undefined),
      credentialParameterName: get("authorizer.credentialParameterName", `/${apiName}/authorizer/credential`),
      credentialKmsKeyArn: get("authorizer.credentialKmsKeyArn", undefined),
      credentialCacheSeconds: get("authorizer.credentialCacheSeconds", 300),
      reservedConcurrency: reservedConcurrency === null ? undefined : reservedConcurrency,
    },
    securityHeaders: {
      hsts: {
        maxAgeSeconds: get("securityHeaders.hsts.maxAgeSeconds", hstsDefaults.maxAgeSeconds),
        includeSubDomains: get("securityHeaders.hsts.includeSubDomains", hstsDefaults.includeSubDomains),
        preload: get("securityHeaders.hsts.preload", hstsDefaults.preload),
      },
      contentTypeOptions: get("securityHeaders.contentTypeOptions", d.contentTypeOptions),
      cacheControl: get("securityHeaders.cacheControl", d.cacheControl),
      contentSecurityPolicy: get("securityHeaders.contentSecurityPolicy", d.contentSecurityPolicy),
      frameOptions: get("securityHeaders.frameOptions", d.frameOptions),
      referrerPolicy: get("securityHeaders.referrerPolicy", d.referrerPolicy),
      cors: get("securityHeaders.cors", undefined),
      additionalHeaders: get("securityHeaders.additionalHeaders", {}),
    },
    stage: {
      throttlingRateLimit: get("stage.throttlingRateLimit", DEFAULT_THROTTLING_RATE_LIMIT),
      throttlingBurstLimit: get("stage.throttlingBurstLimit", DEFAULT_THROTTLING_BURST_LIMIT),
      manageAccountLoggingRole: get("stage.manageAccountLoggingRole", true),
      webAclArn: get("stage.webAclArn", undefined),
    },
    functions: {
      environmentKmsKeyArn: get("functions.environmentKmsKeyArn", undefined),
      codeSigningConfigArn: get("functions.codeSigningConfigArn", undefined),
      backendReservedConcurrency: get<number | null | undefined>("functions.backendReservedConcurrency", undefined) ?? undefined,
    },
    logsKmsKeyArn: get("logsKmsKeyArn", undefined),
    gatewayResponses: get("gatewayResponses", EXAMPLE_GATEWAY_RESPONSES),
    gatewayResponsesWithoutHeaderPolicy: get("gatewayResponsesWithoutHeaderPolicy", []),
    logRetentionDays: get("logRetentionDays", DEFAULT_STAGE_LOG_RETENTION_DAYS),
    stateBackend: {
      type: get("stateBackend.type", DEFAULT_STATE_BACKEND.type),
      bucket: get("stateBackend.bucket", DEFAULT_STATE_BACKEND.bucket),
      key: get("stateBackend.key", DEFAULT_STATE_BACKEND.key),
      region: get("stateBackend.region", DEFAULT_STATE_BACKEND.region),
      kmsKeyId: get("stateBackend.kmsKeyId", DEFAULT_STATE_BACKEND.kmsKeyId),
    },
  };
  problems.push(...appConfigProblems(config));
  throwIfProblems(problems);
  return config;
}

/** What a synth must say out loud about a valid config. */
export function configWarnings(config: AppConfig): string[] {
  return config.authorizer.credentialSource === "inline-demo"
    ? [
        "authorizer.credentialSource is 'inline-demo': the accepted credential is written into the synthesized JSON, the plan and Terraform state. Use it for demos only; set credentialSource to 'ssm' for anything real.",
      ]
    : [];
}

/** Every problem with a complete config. */
export function appConfigProblems(config: AppConfig): string[] {
  const problems: string[] = [];
  if (typeof config.region !== "string" || !AWS_REGION.test(config.region)) {
    problems.push(`property 'region' must be an AWS region such as ap-northeast-1, got ${show(config.region)}`);
  }
  if (typeof config.apiName !== "string" || !API_NAME.test(config.apiName)) {
    problems.push(`property 'apiName' must be 1 to 48 letters, digits, '-' or '_' (it prefixes the function names), got ${show(config.apiName)}`);
  }
  problems.push(...resourcePathProblems("resourcePath", config.resourcePath));
  problems.push(...httpMethodProblems("httpMethod", config.httpMethod));
  problems.push(...stageNameProblems("stageName", config.stageName));
  problems.push(...authorizerProblems(config.authorizer, config.apiName));
  problems.push(...securityHeaderProblems(config.securityHeaders, "securityHeaders"));
  problems.push(...integerInRange("stage.throttlingRateLimit", config.stage.throttlingRateLimit, 1, 10000));
  problems.push(...integerInRange("stage.throttlingBurstLimit", config.stage.throttlingBurstLimit, 1, 5000));
  problems.push(...isBoolean("stage.manageAccountLoggingRole", config.stage.manageAccountLoggingRole));
  problems.push(...optionalArn("stage.webAclArn", config.stage.webAclArn, WEB_ACL_ARN, "a WAFv2 regional web ACL ARN (arn:aws:wafv2:<region>:<account>:regional/webacl/<name>/<id>)"));
  problems.push(...optionalArn("functions.environmentKmsKeyArn", config.functions.environmentKmsKeyArn, KMS_KEY_ARN, "a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>)"));
  problems.push(...optionalArn("functions.codeSigningConfigArn", config.functions.codeSigningConfigArn, CODE_SIGNING_ARN, "a Lambda code-signing config ARN (arn:aws:lambda:<region>:<account>:code-signing-config:csc-<id>)"));
  problems.push(...optionalArn("logsKmsKeyArn", config.logsKmsKeyArn, KMS_KEY_ARN, "a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>)"));
  if (config.functions.backendReservedConcurrency !== undefined) {
    problems.push(
      ...integerInRange("functions.backendReservedConcurrency", config.functions.backendReservedConcurrency, 1, 10000).map(
        (problem) => `${problem} (or null/"none" to reserve none)`,
      ),
    );
  }
  problems.push(...gatewayResponseProblems(config.gatewayResponses, "gatewayResponses"));
  problems.push(...withoutHeaderPolicyProblems("gatewayResponsesWithoutHeaderPolicy", config.gatewayResponsesWithoutHeaderPolicy));
  problems.push(...logRetentionProblems("logRetentionDays", config.logRetentionDays));
  problems.push(...stateBackendProblems("stateBackend", config.stateBackend));
  return problems;
}

function authorizerProblems(authorizer: AppConfig["authorizer"], apiName: string): string[] {
  const problems = [
    ...headerNameProblems("authorizer.identityHeader", authorizer.identityHeader),
    ...authorizerTtlProblems("authorizer.resultTtlSeconds", authorizer.resultTtlSeconds),
    ...integerInRange("authorizer.credentialCacheSeconds", authorizer.credentialCacheSeconds, 0, 3600),
  ];
  if (!CREDENTIAL_SOURCES.includes(authorizer.credentialSource)) {
    problems.push(`property 'authorizer.credentialSource' must be one of ${CREDENTIAL_SOURCES.join(", ")}, got ${show(authorizer.credentialSource)}`);
  }
  if (authorizer.credentialSource === "inline-demo") {
    if (typeof authorizer.credential !== "string" || !CREDENTIAL.test(authorizer.credential)) {
      // The value is a secret: the message says what is wrong with it, never what it is.
      problems.push(`property 'authorizer.credential' must be 1 to 512 visible ASCII characters without spaces`);
    }
  } else if (authorizer.credential !== undefined) {
    problems.push(`property 'authorizer.credential' is only read with credentialSource 'inline-demo'; with 'ssm' the credential lives in the parameter ${show(authorizer.credentialParameterName)}`);
  }
  // The parameter name defaults to one built from apiName: a bad apiName is reported once, for apiName.
  const derivedFromBadApiName = authorizer.credentialParameterName === `/${apiName}/authorizer/credential` && !API_NAME.test(apiName);
  if (!derivedFromBadApiName && (typeof authorizer.credentialParameterName !== "string" || !PARAMETER_NAME.test(authorizer.credentialParameterName))) {
    problems.push(`property 'authorizer.credentialParameterName' must be an SSM parameter path such as /Api/authorizer/credential (starting with '/', letters, digits and _.-/), got ${show(authorizer.credentialParameterName)}`);
  }
  if (authorizer.credentialKmsKeyArn !== undefined && (typeof authorizer.credentialKmsKeyArn !== "string" || !KMS_KEY_ARN.test(authorizer.credentialKmsKeyArn))) {
    problems.push(`property 'authorizer.credentialKmsKeyArn' must be a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>), got ${show(authorizer.credentialKmsKeyArn)}`);
  }
  if (authorizer.reservedConcurrency !== undefined) {
    problems.push(
      ...integerInRange("authorizer.reservedConcurrency", authorizer.reservedConcurrency, 1, 10000).map(
        (problem) => `${problem} (or null/"none" to reserve none)`,
      ),
    );
  }
  return problems;
}

function parseEnv(kind: Kind, text: string): { ok: true; value: unknown } | { ok: false; expected: string } {
  switch (kind) {
    case "string":
      return { ok: true, value: text };
    case "string-or-false":
      return { ok: true, value: text === "false" ? false : text };
    case "integer":
      return /^-?\d+$/.test(text) ? { ok: true, value: Number(text) } : { ok: false, expected: "a whole number" };
    case "integer-or-none":
      if (text === "none") {
        return { ok: true, value: null };
      }
      return /^-?\d+$/.test(text) ? { ok: true, value: Number(text) } : { ok: false, expected: 'a whole number or "none"' };
    case "boolean":
      return text === "true" || text === "false" ? { ok: true, value: text === "true" } : { ok: false, expected: "true or false" };
    case "json":
      try {
        return { ok: true, value: JSON.parse(text) as unknown };
      } catch {
        return { ok: false, expected: "valid JSON" };
      }
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function readPath(source: Record<string, unknown>, path: string): unknown {
  let current: unknown = source;
  for (const key of path.split(".")) {
    if (!isPlainObject(current)) {
      return undefined;
    }
    current = current[key];
  }
  return current;
}

/** A typo in the context must not be silently ignored. */
function unknownKeyProblems(source: Record<string, unknown>): string[] {
  const leaves = SETTINGS.map((s) => s.path);
  const childrenOf = (prefix: string): string[] => [
    ...new Set(leaves.filter((leaf) => leaf.startsWith(prefix)).map((leaf) => leaf.slice(prefix.length).split(".")[0])),
  ];
  const problems: string[] = [];
  const walk = (node: Record<string, unknown>, prefix: string): void => {
    for (const [key, value] of Object.entries(node)) {
      const path = `${prefix}${key}`;
      if (leaves.includes(path)) {
        continue;
      }
      if (!childrenOf(prefix).includes(key)) {
        problems.push(`property '${path}' is not a known setting; allowed here: ${childrenOf(prefix).join(", ")}`);
      } else if (isPlainObject(value)) {
        walk(value, `${path}.`);
      } else {
        problems.push(`property '${path}' must be an object, got ${show(value)}`);
      }
    }
  };
  walk(source, "");
  return problems;
}
