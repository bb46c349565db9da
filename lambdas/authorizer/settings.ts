/** Environment variables through which the stack configures the authorizer. */
export const AUTHORIZER_ENV = {
  identityHeader: "IDENTITY_HEADER",
  credentialSource: "CREDENTIAL_SOURCE",
  expectedCredential: "EXPECTED_CREDENTIAL",
  credentialParameter: "CREDENTIAL_PARAMETER",
  credentialMaxAgeSeconds: "CREDENTIAL_MAX_AGE_SECONDS",
} as const;

/** Where the accepted credential comes from. */
export type CredentialSetting =
  | { readonly source: "ssm"; readonly parameterName: string; readonly maxAgeSeconds: number }
  | { readonly source: "inline-demo"; readonly credential: string };

/** The authorizer's configuration. */
export interface AuthorizerConfig {
  readonly identityHeader: string;
  readonly credential: CredentialSetting;
}

/** @throws Error naming the missing or bad variable (never its value). */
export function readSettings(env: Readonly<Record<string, string | undefined>>): AuthorizerConfig {
  const required = (name: string): string => {
    const value = env[name];
    if (!value) {
      throw new Error(`${name} is not set`);
    }
    return value;
  };
  const identityHeader = required(AUTHORIZER_ENV.identityHeader);
  const source = required(AUTHORIZER_ENV.credentialSource);
  if (source === "inline-demo") {
    return { identityHeader, credential: { source, credential: required(AUTHORIZER_ENV.expectedCredential) } };
  }
  if (source === "ssm") {
    const maxAgeSeconds = Number(required(AUTHORIZER_ENV.credentialMaxAgeSeconds));
    if (!Number.isInteger(maxAgeSeconds) || maxAgeSeconds < 0) {
      throw new Error(`${AUTHORIZER_ENV.credentialMaxAgeSeconds} must be a whole number of seconds`);
    }
    return { identityHeader, credential: { source, parameterName: required(AUTHORIZER_ENV.credentialParameter), maxAgeSeconds } };
  }
  throw new Error(`${AUTHORIZER_ENV.credentialSource} must be ssm or inline-demo`);
}
