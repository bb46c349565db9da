import type { AuthorizerSettings } from "./decision";

/** Environment variables through which the stack configures the authorizer. */
export const AUTHORIZER_ENV = {
  identityHeader: "IDENTITY_HEADER",
  expectedCredential: "EXPECTED_CREDENTIAL",
} as const;

/** @throws Error naming the missing variable (never its value). */
export function readSettings(env: Readonly<Record<string, string | undefined>>): AuthorizerSettings {
  const identityHeader = env[AUTHORIZER_ENV.identityHeader];
  const expectedCredential = env[AUTHORIZER_ENV.expectedCredential];
  if (!identityHeader) {
    throw new Error(`${AUTHORIZER_ENV.identityHeader} is not set`);
  }
  if (!expectedCredential) {
    throw new Error(`${AUTHORIZER_ENV.expectedCredential} is not set`);
  }
  return { identityHeader, expectedCredential };
}
