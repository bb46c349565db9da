import { SSMClient, type SSMClientConfig } from "@aws-sdk/client-ssm";

/**
 * How long the authorizer may spend reading its credential from SSM.
 *
 * The function times out after 5 s (`timeoutSeconds: 5` in src/stack/authorized-api-stack.ts); a timed-out
 * authorizer is a 500, not the 401 the README promises. So every way SSM can fail — refusing, stalling,
 * answering slowly, erroring — must end well before that, and the handler then answers `Unauthorized`:
 *
 *   worst case = maxAttempts × (connectionTimeoutMs + requestTimeoutMs) + (maxAttempts − 1) × retryDelayMs
 *              = 2 × (500 + 1000) + 1 × 100 = 3100 ms,
 *
 * and {@link SSM_READ_DEADLINE_MS} (3500 ms) caps the whole read even if the SDK's own timers do not fire
 * (a response body trickling in byte by byte is bounded by no SDK timer). Both stay below the 5000 ms,
 * leaving the rest for the decision, the log line and a cold start's first TLS handshake.
 *
 * An in-region GetParameter normally answers in tens of milliseconds, so 1 s per attempt is generous.
 */
export const SSM_TIMEOUTS = Object.freeze({
  /** Time to establish the TCP/TLS connection, per attempt. */
  connectionTimeoutMs: 500,
  /** Time from sending the request until the response headers arrive, per attempt; also the socket idle limit. */
  requestTimeoutMs: 1000,
  /** Attempts in all, the first included: one retry. */
  maxAttempts: 2,
  /** Fixed pause before the retry (the SDK's default strategy may wait up to 5 s more on a Retry-After hint). */
  retryDelayMs: 100,
});

/** The most the SDK can spend on one read with {@link SSM_TIMEOUTS}: 3100 ms. */
export const SSM_WORST_CASE_MS =
  SSM_TIMEOUTS.maxAttempts * (SSM_TIMEOUTS.connectionTimeoutMs + SSM_TIMEOUTS.requestTimeoutMs) +
  (SSM_TIMEOUTS.maxAttempts - 1) * SSM_TIMEOUTS.retryDelayMs;

/** The hard cap on one credential read, whatever the SDK does: 3500 ms. */
export const SSM_READ_DEADLINE_MS = 3500;

/** The authorizer function's timeout, as the stack sets it (src/stack/authorized-api-stack.ts). */
export const AUTHORIZER_FUNCTION_TIMEOUT_MS = 5000;

type RetryStrategyV2 = Extract<NonNullable<SSMClientConfig["retryStrategy"]>, { refreshRetryTokenForRetry: unknown }>;
type RetryToken = Awaited<ReturnType<RetryStrategyV2["acquireInitialRetryToken"]>>;
type RetryErrorInfo = Parameters<RetryStrategyV2["refreshRetryTokenForRetry"]>[1];

/**
 * At most `maxAttempts` attempts with a fixed pause between them, never a longer one: unlike the SDK's
 * standard strategy it ignores Retry-After hints and has no exponential backoff, so the budget above holds.
 * A client error (access denied, no such parameter) is not retried: it would fail the same way again.
 */
export class BoundedRetryStrategy implements RetryStrategyV2 {
  constructor(
    private readonly maxAttempts: number,
    private readonly retryDelayMs: number,
  ) {}

  async acquireInitialRetryToken(): Promise<RetryToken> {
    return retryToken(0, 0);
  }

  async refreshRetryTokenForRetry(token: RetryToken, errorInfo: RetryErrorInfo): Promise<RetryToken> {
    const retries = token.getRetryCount() + 1;
    if (errorInfo.errorType === "CLIENT_ERROR" || retries >= this.maxAttempts) {
      throw errorInfo.error;
    }
    return retryToken(retries, this.retryDelayMs);
  }

  recordSuccess(): void {}
}

function retryToken(retryCount: number, retryDelay: number): RetryToken {
  return { getRetryCount: () => retryCount, getRetryDelay: () => retryDelay };
}

/** The client configuration the credential is read with: the timeouts and retry budget above. */
export function ssmClientConfig(): SSMClientConfig {
  return {
    maxAttempts: SSM_TIMEOUTS.maxAttempts,
    retryStrategy: new BoundedRetryStrategy(SSM_TIMEOUTS.maxAttempts, SSM_TIMEOUTS.retryDelayMs),
    // Constructor options for the SDK's NodeHttpHandler (@smithy/node-http-handler), which the client
    // builds from them. Without throwOnRequestTimeout a breached requestTimeout only logs a warning.
    requestHandler: {
      connectionTimeout: SSM_TIMEOUTS.connectionTimeoutMs,
      requestTimeout: SSM_TIMEOUTS.requestTimeoutMs,
      throwOnRequestTimeout: true,
      socketTimeout: SSM_TIMEOUTS.requestTimeoutMs,
    },
  };
}

/** A client with {@link ssmClientConfig}; region, credentials and endpoint come from the environment as usual. */
export function createSsmClient(): SSMClient {
  return new SSMClient(ssmClientConfig());
}
