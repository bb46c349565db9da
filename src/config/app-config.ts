import { httpMethodProblems, resourcePathProblems } from "../api/resource-path";
import { authorizerTtlProblems } from "../api/authorizer-ttl";
import { stageNameProblems } from "../api/stage-name";
import { DEFAULT_GATEWAY_RESPONSES, GatewayResponseSpec, gatewayResponseProblems } from "../gateway-responses/gateway-response-spec";
import { logRetentionProblems } from "../lambda/log-retention";
import { headerNameProblems, headerValueProblems } from "../security-headers/header-rules";
import { HstsOptions, hstsProblems, hstsWithDefaults } from "../security-headers/hsts";
import { DEFAULT_STATE_BACKEND, StateBackendConfig, stateBackendProblems } from "../stack/state-backend";
import { ConfigError, show, throwIfProblems } from "./config-error";

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
    /** The credential the authorizer accepts. */
    readonly credential: string;
  };
  readonly securityHeaders: {
    readonly hsts: Required<HstsOptions>;
    readonly additionalHeaders: Readonly<Record<string, string>>;
  };
  /** The gateway responses to customise. */
  readonly gatewayResponses: readonly GatewayResponseSpec[];
  /** How long the functions' logs are kept. */
  readonly logRetentionDays: number;
  /** Where Terraform keeps the state: local (the default) or an S3 bucket. */
  readonly stateBackend: StateBackendConfig;
}

/** The defaults: the reference behaviour, with the constructs' HSTS default (no preload). */
export const DEFAULT_APP_CONFIG: AppConfig = {
  region: "ap-northeast-1",
  apiName: "Api",
  resourcePath: "/test",
  httpMethod: "GET",
  stageName: "prod",
  authorizer: { identityHeader: "x-custom-auth", resultTtlSeconds: 300, credential: "allow" },
  securityHeaders: { hsts: hstsWithDefaults(), additionalHeaders: {} },
  gatewayResponses: DEFAULT_GATEWAY_RESPONSES,
  logRetentionDays: 14,
  stateBackend: DEFAULT_STATE_BACKEND,
};

/** The cdktf.json context key that holds the settings. */
export const CONTEXT_KEY = "apiGateway";

type Kind = "string" | "integer" | "boolean" | "json";

/** Every setting: where it sits in the context object, and the environment variable that overrides it. */
export const SETTINGS: readonly { readonly path: string; readonly env: string; readonly kind: Kind }[] = [
  { path: "region", env: "APIGW_REGION", kind: "string" },
  { path: "apiName", env: "APIGW_API_NAME", kind: "string" },
  { path: "resourcePath", env: "APIGW_RESOURCE_PATH", kind: "string" },
  { path: "httpMethod", env: "APIGW_HTTP_METHOD", kind: "string" },
  { path: "stageName", env: "APIGW_STAGE_NAME", kind: "string" },
  { path: "authorizer.identityHeader", env: "APIGW_IDENTITY_HEADER", kind: "string" },
  { path: "authorizer.resultTtlSeconds", env: "APIGW_AUTHORIZER_TTL_SECONDS", kind: "integer" },
  { path: "authorizer.credential", env: "APIGW_CREDENTIAL", kind: "string" },
  { path: "securityHeaders.hsts.maxAgeSeconds", env: "APIGW_HSTS_MAX_AGE_SECONDS", kind: "integer" },
  { path: "securityHeaders.hsts.includeSubDomains", env: "APIGW_HSTS_INCLUDE_SUBDOMAINS", kind: "boolean" },
  { path: "securityHeaders.hsts.preload", env: "APIGW_HSTS_PRELOAD", kind: "boolean" },
  { path: "securityHeaders.additionalHeaders", env: "APIGW_ADDITIONAL_HEADERS", kind: "json" },
  { path: "gatewayResponses", env: "APIGW_GATEWAY_RESPONSES", kind: "json" },
  { path: "logRetentionDays", env: "APIGW_LOG_RETENTION_DAYS", kind: "integer" },
  { path: "stateBackend.type", env: "APIGW_STATE_BACKEND", kind: "string" },
  { path: "stateBackend.bucket", env: "APIGW_STATE_BUCKET", kind: "string" },
  { path: "stateBackend.key", env: "APIGW_STATE_KEY", kind: "string" },
  { path: "stateBackend.region", env: "APIGW_STATE_REGION", kind: "string" },
  { path: "stateBackend.kmsKeyId", env: "APIGW_STATE_KMS_KEY_ID", kind: "string" },
];

const REGION = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$/;
const API_NAME = /^[A-Za-z0-9_-]{1,48}$/;
const CREDENTIAL = /^[\x21-\x7e]{1,512}$/;

/**
 * Reads the settings from the cdktf.json context object (key {@link CONTEXT_KEY}) and the environment
 * (which wins), fills in defaults and validates everything.
 *
 * @throws ConfigError listing every problem, each naming the field, the value and what is allowed.
 */
export function loadAppConfig(context: unknown, env: Readonly<Record<string, string | undefined>>): AppConfig {
  const problems: string[] = [];
  const source = context === undefined ? {} : context;
  if (!isPlainObject(source)) {
    throw new ConfigError([`context '${CONTEXT_KEY}' must be an object, got ${show(source)}`]);
  }
  problems.push(...unknownKeyProblems(source));

  const raw = new Map<string, unknown>();
  for (const setting of SETTINGS) {
    const fromContext = readPath(source, setting.path);
    if (fromContext !== undefined) {
      raw.set(setting.path, fromContext);
    }
    const fromEnv = env[setting.env];
    if (fromEnv !== undefined && fromEnv !== "") {
      const parsed = parseEnv(setting.kind, fromEnv);
      if (parsed.ok) {
        raw.set(setting.path, parsed.value);
      } else {
        problems.push(`environment variable ${setting.env} must be ${parsed.expected}, got ${show(fromEnv)}`);
      }
    }
  }
  const get = <T>(path: string, fallback: T): T => (raw.has(path) ? (raw.get(path) as T) : fallback);
  const d = DEFAULT_APP_CONFIG;
  const config: AppConfig = {
    region: get("region", d.region),
    apiName: get("apiName", d.apiName),
    resourcePath: get("resourcePath", d.resourcePath),
    httpMethod: get("httpMethod", d.httpMethod),
    stageName: get("stageName", d.stageName),
    authorizer: {
      identityHeader: get("authorizer.identityHeader", d.authorizer.identityHeader),
      resultTtlSeconds: get("authorizer.resultTtlSeconds", d.authorizer.resultTtlSeconds),
      credential: get("authorizer.credential", d.authorizer.credential),
    },
    securityHeaders: {
      hsts: {
        maxAgeSeconds: get("securityHeaders.hsts.maxAgeSeconds", d.securityHeaders.hsts.maxAgeSeconds),
        includeSubDomains: get("securityHeaders.hsts.includeSubDomains", d.securityHeaders.hsts.includeSubDomains),
        preload: get("securityHeaders.hsts.preload", d.securityHeaders.hsts.preload),
      },
      additionalHeaders: get("securityHeaders.additionalHeaders", d.securityHeaders.additionalHeaders),
    },
    gatewayResponses: get("gatewayResponses", d.gatewayResponses),
    logRetentionDays: get("logRetentionDays", d.logRetentionDays),
    stateBackend: {
      type: get("stateBackend.type", d.stateBackend.type),
      bucket: get("stateBackend.bucket", d.stateBackend.bucket),
      key: get("stateBackend.key", d.stateBackend.key),
      region: get("stateBackend.region", d.stateBackend.region),
      kmsKeyId: get("stateBackend.kmsKeyId", d.stateBackend.kmsKeyId),
    },
  };
  problems.push(...appConfigProblems(config));
  throwIfProblems(problems);
  return config;
}

/** Every problem with a complete config. */
export function appConfigProblems(config: AppConfig): string[] {
  const problems: string[] = [];
  if (typeof config.region !== "string" || !REGION.test(config.region)) {
    problems.push(`property 'region' must be an AWS region such as ap-northeast-1, got ${show(config.region)}`);
  }
  if (typeof config.apiName !== "string" || !API_NAME.test(config.apiName)) {
    problems.push(`property 'apiName' must be 1 to 48 letters, digits, '-' or '_' (it prefixes the function names), got ${show(config.apiName)}`);
  }
  problems.push(...resourcePathProblems("resourcePath", config.resourcePath));
  problems.push(...httpMethodProblems("httpMethod", config.httpMethod));
  problems.push(...stageNameProblems("stageName", config.stageName));
  problems.push(...headerNameProblems("authorizer.identityHeader", config.authorizer.identityHeader));
  problems.push(...authorizerTtlProblems("authorizer.resultTtlSeconds", config.authorizer.resultTtlSeconds));
  if (typeof config.authorizer.credential !== "string" || !CREDENTIAL.test(config.authorizer.credential)) {
    // The value itself is a secret: the message says what is wrong with it, never what it is.
    problems.push(`property 'authorizer.credential' must be 1 to 512 visible ASCII characters without spaces`);
  }
  problems.push(...hstsProblems(config.securityHeaders.hsts, "securityHeaders.hsts"));
  const additional: unknown = config.securityHeaders.additionalHeaders;
  if (!isPlainObject(additional)) {
    problems.push(`property 'securityHeaders.additionalHeaders' must be an object of header name to value, got ${show(additional)}`);
  } else {
    for (const [name, value] of Object.entries(additional)) {
      problems.push(...headerNameProblems("securityHeaders.additionalHeaders name", name));
      problems.push(...headerValueProblems(`securityHeaders.additionalHeaders.${name}`, value));
    }
  }
  problems.push(...gatewayResponseProblems(config.gatewayResponses, "gatewayResponses"));
  problems.push(...logRetentionProblems("logRetentionDays", config.logRetentionDays));
  problems.push(...stateBackendProblems("stateBackend", config.stateBackend));
  return problems;
}

function parseEnv(kind: Kind, text: string): { ok: true; value: unknown } | { ok: false; expected: string } {
  switch (kind) {
    case "string":
      return { ok: true, value: text };
    case "integer":
      return /^-?\d+$/.test(text) ? { ok: true, value: Number(text) } : { ok: false, expected: "a whole number" };
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
  const leaves = new Set(SETTINGS.map((s) => s.path));
  const problems: string[] = [];
  const walk = (node: Record<string, unknown>, prefix: string): void => {
    for (const [key, value] of Object.entries(node)) {
      const path = prefix ? `${prefix}.${key}` : key;
      if (leaves.has(path)) {
        continue;
      }
      const branch = [...leaves].some((leaf) => leaf.startsWith(`${path}.`));
      if (branch && isPlainObject(value)) {
        walk(value, path);
      } else if (branch) {
        problems.push(`property '${path}' must be an object, got ${show(value)}`);
      } else {
        const siblings = [...new Set([...leaves].filter((leaf) => leaf.startsWith(prefix ? `${prefix}.` : "")).map((leaf) => leaf.slice(prefix ? prefix.length + 1 : 0).split(".")[0]))];
        problems.push(`property '${path}' is not a known setting; allowed here: ${siblings.join(", ")}`);
      }
    }
  };
  walk(source, "");
  return problems;
}
