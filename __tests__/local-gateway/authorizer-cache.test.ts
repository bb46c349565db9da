import { AuthorizerCache } from "../../src/local-gateway/authorizer/authorizer-cache";
import type { AuthorizerGrant } from "../../src/local-gateway/authorizer/authorizer-result";

const grant: AuthorizerGrant = { principalId: "p", statements: [], context: {} };

describe("AuthorizerCache", () => {
  test("keeps an entry for its TTL and drops it after", () => {
    let clock = 0;
    const cache = new AuthorizerCache(() => clock);
    cache.set("k", grant, 60);
    clock = 59_999;
    expect(cache.get("k")?.grant).toBe(grant);
    clock = 60_000;
    expect(cache.get("k")).toBeUndefined();
    expect(cache.size).toBe(0);
    expect(cache.bytes).toBe(0);
  });

  test("past its entry limit it evicts the least recently used entry, not the most recently read", () => {
    const cache = new AuthorizerCache(() => 0, { maxEntries: 2 });
    cache.set("a", grant, 60);
    cache.set("b", grant, 60);
    cache.get("a");
    cache.set("c", grant, 60);
    expect(cache.get("b")).toBeUndefined();
    expect(cache.get("a")).toBeDefined();
    expect(cache.get("c")).toBeDefined();
    expect(cache.size).toBe(2);
  });

  test("reading the most recent entry again, or one whose newer neighbour expired, keeps the order of use exact", () => {
    let clock = 0;
    const cache = new AuthorizerCache(() => clock, { maxEntries: 3 });
    cache.set("a", grant, 60);
    cache.set("b", grant, 10);
    cache.get("b");
    cache.get("b");
    cache.get("a");
    // a is now the most recent; b expires and goes; reading a again must not leave it behind c.
    clock = 10_000;
    expect(cache.get("b")).toBeUndefined();
    cache.set("c", grant, 60);
    cache.get("a");
    cache.set("d", grant, 60);
    cache.set("e", grant, 60);
    expect(cache.get("c")).toBeUndefined();
    expect(cache.get("a")).toBeDefined();
    expect(cache.get("d")).toBeDefined();
    expect(cache.get("e")).toBeDefined();
  });

  test("past its byte limit it evicts until the held bytes fit: unique 4 KB credentials cannot grow it without end", () => {
    const maxBytes = 1024 * 1024;
    const cache = new AuthorizerCache(() => 0, { maxBytes });
    for (let i = 0; i < 5_000; i += 1) {
      cache.set(`${i}:${"x".repeat(4096)}`, grant, 300);
      expect(cache.bytes).toBeLessThanOrEqual(maxBytes);
    }
    expect(cache.size).toBeLessThan(5_000);
    expect(cache.size).toBeGreaterThan(100);
    expect(cache.get(`4999:${"x".repeat(4096)}`)).toBeDefined();
    expect(cache.get(`0:${"x".repeat(4096)}`)).toBeUndefined();
  });

  test("an entry larger than the whole cache is answered but not kept", () => {
    const cache = new AuthorizerCache(() => 0, { maxBytes: 1000 });
    expect(cache.set("y".repeat(2000), grant, 60).grant).toBe(grant);
    expect(cache.size).toBe(0);
  });

  test("replacing a key does not count its bytes twice", () => {
    const cache = new AuthorizerCache(() => 0);
    cache.set("k", grant, 60);
    const once = cache.bytes;
    cache.set("k", grant, 60);
    expect(cache.bytes).toBe(once);
  });
});
