import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import type { CounterStore } from "./counter-store.js";
import { MemoryCounterStore } from "./memory-counter-store.js";
import { RedisCounterStore } from "./redis-counter-store.js";

const prefix = `switchyard-counter-test-${randomBytes(4).toString("hex")}:`;
const redis = new Redis("redis://127.0.0.1:6379", { lazyConnect: true });

afterAll(async () => {
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
});

const stores: Array<[string, () => CounterStore]> = [
  ["memory", () => new MemoryCounterStore()],
  ["redis", () => new RedisCounterStore(redis, `${prefix}${randomBytes(4).toString("hex")}:`)],
];

describe.each(stores)("%s counters", (_name, create) => {
  it("admits while every check fits and reports use and reset", async () => {
    const store = create();
    const first = await store.reserve([{ key: "rpm", amount: 1, limit: 2, windowMs: 60_000 }]);
    expect(first.admitted).toBe(true);
    if (first.admitted) {
      expect(first.states[0]?.used).toBe(1);
      expect(first.states[0]?.resetMs).toBeGreaterThan(59_000);
    }
    expect((await store.reserve([{ key: "rpm", amount: 1, limit: 2, windowMs: 60_000 }])).admitted).toBe(true);
    const third = await store.reserve([{ key: "rpm", amount: 1, limit: 2, windowMs: 60_000 }]);
    expect(third).toMatchObject({ admitted: false, refused: 0, state: { used: 2 } });
  });

  it("adds nothing when one check of several does not fit", async () => {
    const store = create();
    await store.reserve([{ key: "tokens", amount: 90, limit: 100, windowMs: 60_000 }]);
    const refused = await store.reserve([
      { key: "requests", amount: 1, limit: 10, windowMs: 60_000 },
      { key: "tokens", amount: 20, limit: 100, windowMs: 60_000 },
    ]);
    expect(refused).toMatchObject({ admitted: false, refused: 1 });
    const after = await store.reserve([{ key: "requests", amount: 1, limit: 10, windowMs: 60_000 }]);
    expect(after.admitted && after.states[0]?.used).toBe(1);
  });

  it("settles by deltas and never goes below zero", async () => {
    const store = create();
    await store.reserve([{ key: "budget", amount: 50, limit: 100, windowMs: 0 }]);
    await store.adjust([{ key: "budget", delta: -20 }]);
    const next = await store.reserve([{ key: "budget", amount: 0, limit: 100, windowMs: 0 }]);
    expect(next.admitted && next.states[0]).toEqual({ used: 30, resetMs: -1 });
    await store.adjust([{ key: "budget", delta: -500 }]);
    const floor = await store.reserve([{ key: "budget", amount: 0, limit: 100, windowMs: 0 }]);
    expect(floor.admitted && floor.states[0]?.used).toBe(0);
  });

  it("lets exactly the limit through 200 concurrent reservations", async () => {
    const store = create();
    const results = await Promise.all(
      Array.from({ length: 200 }, () => store.reserve([{ key: "burst", amount: 1, limit: 50, windowMs: 60_000 }])),
    );
    expect(results.filter((result) => result.admitted)).toHaveLength(50);
  });

  it("starts a new window once the old one expires", async () => {
    const store = create();
    await store.reserve([{ key: "short", amount: 1, limit: 1, windowMs: 50 }]);
    expect((await store.reserve([{ key: "short", amount: 1, limit: 1, windowMs: 50 }])).admitted).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect((await store.reserve([{ key: "short", amount: 1, limit: 1, windowMs: 50 }])).admitted).toBe(true);
  });
});
