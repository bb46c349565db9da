import { integerInRange } from "../validation/config-error";

/** The longest time API Gateway caches an authorizer's result, in seconds. */
export const MAX_AUTHORIZER_TTL_SECONDS = 3600;

/** `problems` for an authorizer's result TTL. */
export function authorizerTtlProblems(field: string, value: unknown): string[] {
  return integerInRange(field, value, 0, MAX_AUTHORIZER_TTL_SECONDS);
}
