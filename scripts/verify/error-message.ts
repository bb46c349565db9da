/** The message of anything thrown; duck-typed, since errors from another realm (a test VM) fail `instanceof Error`. */
export function errorMessage(error: unknown): string {
  if (typeof error === "object" && error !== null && "message" in error && typeof error.message === "string") {
    return error.message;
  }
  return String(error);
}
