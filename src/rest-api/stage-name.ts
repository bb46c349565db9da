import { show } from "../validation/config-error";

const STAGE_NAME = /^[A-Za-z0-9_-]{1,128}$/;

/** `problems` for a stage name: it becomes the first segment of every URL of the API. */
export function stageNameProblems(field: string, value: unknown): string[] {
  return typeof value === "string" && STAGE_NAME.test(value)
    ? []
    : [`property '${field}' must be 1 to 128 letters, digits, '-' or '_', got ${show(value)}`];
}
