import type { AuthorizerGrant } from "./authorizer-result";
import type { PolicyDecision } from "./iam-policy";

/** A cached grant, with the policy's decisions per method ARN memoised (they cannot change until expiry). */
export interface CachedGrant {
  readonly grant: AuthorizerGrant;
  readonly expiresAt: number;
  readonly decisions: Map<string, PolicyDecision>;
}

/** Limits of an {@link AuthorizerCache}. */
export interface AuthorizerCacheLimits {
  /** @default 10000 */
  readonly maxEntries?: number;
  /**
   * An estimate of the memory the entries hold: keys (identity values) and grants, 2 bytes a character, plus a
   * fixed overhead per entry.
   * @default 16777216 (16 MiB)
   */
  readonly maxBytes?: number;
}

interface Slot {
  readonly entry: CachedGrant;
  readonly bytes: number;
}

const ENTRY_OVERHEAD_BYTES = 256;

/**
 * API Gateway's authorizer result cache: one entry per authorizer and identity-source values, kept for the
 * TTL and reused for every method and path of the API. Bounded in entries and in bytes: past either limit
 * the least recently used entries are evicted first, so unique credentials (a scan, a load test) cannot grow
 * memory without end. Expired entries are dropped when read or when they reach the least recently used end.
 */
export class AuthorizerCache {
  // A Map iterates in insertion order; an entry is re-inserted when used, so the first is the least recent.
  private readonly slots = new Map<string, Slot>();
  private readonly maxEntries: number;
  private readonly maxBytes: number;
  private heldBytes = 0;
  /** The key last inserted or moved to the end of {@link slots}, if it is still there. */
  private newestKey: string | undefined;

  /** @param now the clock, in epoch milliseconds (replaceable for tests). */
  constructor(
    private readonly now: () => number = Date.now,
    limits: AuthorizerCacheLimits = {},
  ) {
    this.maxEntries = limits.maxEntries ?? 10_000;
    this.maxBytes = limits.maxBytes ?? 16 * 1024 * 1024;
  }

  /** The live entry for a key, if any; it becomes the most recently used. */
  get(key: string): CachedGrant | undefined {
    const slot = this.slots.get(key);
    if (slot === undefined) {
      return undefined;
    }
    if (slot.entry.expiresAt <= this.now()) {
      this.slots.delete(key);
      this.heldBytes -= slot.bytes;
      return undefined;
    }
    // Already the most recently used (the same caller again, the common case): no need to move it.
    if (key !== this.newestKey) {
      this.slots.delete(key);
      this.slots.set(key, slot);
      this.newestKey = key;
    }
    return slot.entry;
  }

  /** Caches a grant for `ttlSeconds`, evicting the least recently used entries past the limits. */
  set(key: string, grant: AuthorizerGrant, ttlSeconds: number): CachedGrant {
    const entry: CachedGrant = { grant, expiresAt: this.now() + ttlSeconds * 1000, decisions: new Map() };
    const bytes = ENTRY_OVERHEAD_BYTES + 2 * (key.length + JSON.stringify(grant).length);
    const previous = this.slots.get(key);
    if (previous !== undefined) {
      this.slots.delete(key);
      this.heldBytes -= previous.bytes;
    }
    if (bytes > this.maxBytes) {
      // Larger than the whole cache: answered, not kept.
      return entry;
    }
    this.slots.set(key, { entry, bytes });
    this.newestKey = key;
    this.heldBytes += bytes;
    if (this.slots.size > this.maxEntries || this.heldBytes > this.maxBytes) {
      this.evict();
    }
    return entry;
  }

  /** The number of entries held, live or not yet dropped. */
  get size(): number {
    return this.slots.size;
  }

  /** The estimated bytes the entries hold. */
  get bytes(): number {
    return this.heldBytes;
  }

  /** Drops entries from the least recently used end: O(1) per entry, so a flood of new keys stays cheap. */
  private evict(): void {
    for (const [key, slot] of this.slots) {
      if (this.slots.size <= this.maxEntries && this.heldBytes <= this.maxBytes) {
        break;
      }
      this.slots.delete(key);
      this.heldBytes -= slot.bytes;
    }
  }
}
