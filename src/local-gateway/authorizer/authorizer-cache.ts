import type { AuthorizerGrant } from "./authorizer-result";
import type { PolicyDecision } from "./iam-policy";

/** A cached grant, with the policy's decisions per method ARN memoised (they cannot change until expiry). */
export interface CachedGrant {
  readonly grant: AuthorizerGrant;
  readonly expiresAt: number;
  readonly decisions: Map<string, PolicyDecision>;
}

/**
 * API Gateway's authorizer result cache: one entry per authorizer and identity-source values, kept for the
 * TTL and reused for every method and path of the API. Expired entries are dropped when next read and, so
 * the map stays bounded by live credentials, swept whenever it has doubled since the last sweep.
 */
export class AuthorizerCache {
  private readonly entries = new Map<string, CachedGrant>();
  private sweepAt = 1024;

  /** @param now the clock, in epoch milliseconds (replaceable for tests). */
  constructor(private readonly now: () => number = Date.now) {}

  /** The live entry for a key, if any. */
  get(key: string): CachedGrant | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) {
      return undefined;
    }
    if (entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  /** Caches a grant for `ttlSeconds`. */
  set(key: string, grant: AuthorizerGrant, ttlSeconds: number): CachedGrant {
    const entry: CachedGrant = { grant, expiresAt: this.now() + ttlSeconds * 1000, decisions: new Map() };
    this.entries.set(key, entry);
    if (this.entries.size >= this.sweepAt) {
      const now = this.now();
      for (const [k, e] of this.entries) {
        if (e.expiresAt <= now) {
          this.entries.delete(k);
        }
      }
      this.sweepAt = Math.max(1024, this.entries.size * 2);
    }
    return entry;
  }

  /** The number of entries held, live or not yet swept. */
  get size(): number {
    return this.entries.size;
  }
}
