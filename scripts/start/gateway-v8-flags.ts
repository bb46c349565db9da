import { setFlagsFromString } from "node:v8";

/**
 * V8 settings of the process that serves the local gateway (`npm start`, and the benchmarks, which measure
 * it as `npm start` runs it).
 *
 * `--heap-growing-percent=10`: after each full garbage collection, a heap may grow by 10 % of what it still
 * holds before the next, instead of V8's own factor of up to 4. Under a flood of unique credentials the
 * gateway's heap otherwise swung between about 40 and 110 MB of mostly garbage (each in-flight request's
 * 4 KB header, event and cache key survive a young-generation collection and die old). V8 reads this flag
 * at every collection and flags are process-wide, so setting it at start-up bounds the main thread's heap
 * and every function environment's alike; a collection costs a few milliseconds more often, which the
 * benchmarks did not measure as a loss (docs/local-gateway.md, Speed).
 */
export const GATEWAY_V8_FLAGS: readonly string[] = ["--heap-growing-percent=10"];

/**
 * Applies {@link GATEWAY_V8_FLAGS} to this process. Only for a process of its own: V8 flags are
 * process-wide, so `startLocalGateway` leaves a host's (a test runner's) settings alone.
 */
export function applyGatewayV8Flags(): void {
  for (const flag of GATEWAY_V8_FLAGS) {
    setFlagsFromString(flag);
  }
}
