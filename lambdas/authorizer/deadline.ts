/** Thrown when an operation did not settle within its deadline. */
export class DeadlineExceededError extends Error {
  override readonly name = "DeadlineExceededError";
}

/**
 * Settles as `work` does, or rejects with {@link DeadlineExceededError} after `ms` — whichever comes first.
 * `work` itself is not cancelled (nothing can cancel a Powertools read); its outcome is ignored after the
 * deadline. The timer is cleared as soon as `work` settles, so a fast read leaves nothing pending.
 */
export async function withDeadline<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineExceededError(`${what} took longer than ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
