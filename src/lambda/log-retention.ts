import { show } from "../validation/config-error";

/** The retention periods CloudWatch Logs accepts, in days. */
export const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

/** `problems` for a log retention period. */
export function logRetentionProblems(field: string, value: unknown): string[] {
  return (LOG_RETENTION_DAYS as readonly unknown[]).includes(value)
    ? []
    : [`property '${field}' must be one of ${LOG_RETENTION_DAYS.join(", ")} (days), got ${show(value)}`];
}
