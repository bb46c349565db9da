import { DeadlineExceededError, withDeadline } from "../../../lambdas/authorizer/deadline";
import {
  AUTHORIZER_FUNCTION_TIMEOUT_MS,
  BoundedRetryStrategy,
  SSM_READ_DEADLINE_MS,
  SSM_TIMEOUTS,
  SSM_WORST_CASE_MS,
} from "../../../lambdas/authorizer/ssm-client";

type ErrorInfo = Parameters<BoundedRetryStrategy["refreshRetryTokenForRetry"]>[1];
type SdkError = ErrorInfo["error"];
const sdkError = (message: string): SdkError => Object.assign(new Error(message), { $metadata: {} }) as SdkError;
const serverError: ErrorInfo = { error: sdkError("500"), errorType: "SERVER_ERROR" };

describe("the SSM time budget", () => {
  test("the SDK's worst case is every attempt spending its connection and request timeouts, plus the pauses", () => {
    const { maxAttempts, connectionTimeoutMs, requestTimeoutMs, retryDelayMs } = SSM_TIMEOUTS;
    expect(SSM_WORST_CASE_MS).toBe(maxAttempts * (connectionTimeoutMs + requestTimeoutMs) + (maxAttempts - 1) * retryDelayMs);
    expect(SSM_WORST_CASE_MS).toBe(3100);
  });

  test("the SDK's worst case ends before the read deadline, and the read deadline well before the function times out", () => {
    expect(SSM_WORST_CASE_MS).toBeLessThan(SSM_READ_DEADLINE_MS);
    expect(SSM_READ_DEADLINE_MS).toBeLessThanOrEqual(AUTHORIZER_FUNCTION_TIMEOUT_MS - 1000);
  });

  test("retries at least once, and every timeout is set (0 would mean none)", () => {
    expect(SSM_TIMEOUTS.maxAttempts).toBeGreaterThanOrEqual(2);
    expect(SSM_TIMEOUTS.connectionTimeoutMs).toBeGreaterThan(0);
    expect(SSM_TIMEOUTS.requestTimeoutMs).toBeGreaterThan(0);
  });
});

describe("BoundedRetryStrategy", () => {
  const strategy = new BoundedRetryStrategy(3, 100);

  test("starts with no retry and no pause", async () => {
    const token = await strategy.acquireInitialRetryToken();
    expect([token.getRetryCount(), token.getRetryDelay()]).toEqual([0, 0]);
  });

  test("retries a server error after the fixed pause, up to the attempt budget and no further", async () => {
    const first = await strategy.acquireInitialRetryToken();
    const second = await strategy.refreshRetryTokenForRetry(first, serverError);
    expect([second.getRetryCount(), second.getRetryDelay()]).toEqual([1, 100]);
    const third = await strategy.refreshRetryTokenForRetry(second, { error: sdkError("timeout"), errorType: "TRANSIENT" });
    expect([third.getRetryCount(), third.getRetryDelay()]).toEqual([2, 100]);
    await expect(strategy.refreshRetryTokenForRetry(third, serverError)).rejects.toBe(serverError.error);
  });

  test("never waits longer because the server asks it to (Retry-After), so the budget holds", async () => {
    const first = await strategy.acquireInitialRetryToken();
    const throttled: ErrorInfo = { error: sdkError("429"), errorType: "THROTTLING", retryAfterHint: new Date(Date.now() + 60_000) };
    await expect(strategy.refreshRetryTokenForRetry(first, throttled)).resolves.toMatchObject({});
    expect((await strategy.refreshRetryTokenForRetry(first, throttled)).getRetryDelay()).toBe(100);
  });

  test("does not retry a client error (access denied, no such parameter): it would fail the same way", async () => {
    const first = await strategy.acquireInitialRetryToken();
    const denied: ErrorInfo = { error: sdkError("denied"), errorType: "CLIENT_ERROR" };
    await expect(strategy.refreshRetryTokenForRetry(first, denied)).rejects.toBe(denied.error);
  });
});

describe("withDeadline", () => {
  afterEach(() => jest.useRealTimers());

  test("gives up on work that has not settled by the deadline, naming what took too long", async () => {
    jest.useFakeTimers();
    const never = new Promise<string>(() => undefined);
    const outcome = withDeadline(never, 3500, "reading the credential parameter");
    jest.advanceTimersByTime(3500);
    await expect(outcome).rejects.toThrow(new DeadlineExceededError("reading the credential parameter took longer than 3500 ms"));
    await expect(outcome).rejects.toMatchObject({ name: "DeadlineExceededError" });
  });

  test("does not give up a moment before the deadline", async () => {
    jest.useFakeTimers();
    let settled = false;
    const outcome = withDeadline(new Promise<string>(() => undefined), 3500, "x").finally(() => {
      settled = true;
    });
    outcome.catch(() => undefined);
    jest.advanceTimersByTime(3499);
    await Promise.resolve();
    expect(settled).toBe(false);
    jest.advanceTimersByTime(1);
    await expect(outcome).rejects.toThrow(DeadlineExceededError);
  });

  test("passes on the work's value and error, and leaves no timer behind", async () => {
    jest.useFakeTimers();
    await expect(withDeadline(Promise.resolve("value"), 3500, "x")).resolves.toBe("value");
    await expect(withDeadline(Promise.reject(new Error("read failed")), 3500, "x")).rejects.toThrow("read failed");
    expect(jest.getTimerCount()).toBe(0);
  });
});
