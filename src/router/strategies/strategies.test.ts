import { describe, expect, it } from "vitest";
import { PROVIDER_SPECIFICATION_VERSION } from "../../contract/provider-adapter.js";
import type { RouteTarget } from "../route-plan.js";
import { STRATEGIES, type StrategyView } from "./index.js";

function target(id: string, weight = 1): RouteTarget {
  return {
    id,
    provider: {
      specificationVersion: PROVIDER_SPECIFICATION_VERSION,
      name: id,
      type: "openai",
      models: [],
      chat: async () => Promise.reject(),
      chatStream: async () => Promise.reject(),
      close: async () => {},
    },
    upstreamModel: id,
    weight,
    params: {},
    headers: {},
    retry: { retries: 0, backoffMs: 0, maxBackoffMs: 0, retryAfterCapMs: 0, on: [] },
  };
}

const a = target("a", 1);
const b = target("b", 3);
const c = target("c", 6);

function view(overrides: Partial<StrategyView> = {}): StrategyView {
  let turn = 0;
  return { inFlight: () => 0, latencyMs: () => undefined, random: Math.random, turn: () => turn++, ...overrides };
}

const ids = (targets: RouteTarget[]) => targets.map((entry) => entry.id);

describe("routing strategies", () => {
  it("fallback keeps the configured order; single takes the first", () => {
    expect(ids(STRATEGIES.fallback([a, b, c], view()))).toEqual(["a", "b", "c"]);
    expect(ids(STRATEGIES.single([a, b, c], view()))).toEqual(["a"]);
  });

  it("round-robin starts one further each request", () => {
    const shared = view();
    const firsts = Array.from({ length: 4 }, () => STRATEGIES["round-robin"]([a, b, c], shared)[0]?.id);
    expect(firsts).toEqual(["a", "b", "c", "a"]);
    expect(ids(STRATEGIES["round-robin"]([a, b, c], view({ turn: () => 1 })))).toEqual(["b", "c", "a"]);
  });

  it.each([
    [0, "a"],
    [0.099, "a"],
    [0.1, "b"],
    [0.399, "b"],
    [0.4, "c"],
    [0.999, "c"],
  ])("weighted draws by weight (random %d → %s) and keeps the rest as fallbacks", (draw, first) => {
    const order = ids(STRATEGIES.weighted([a, b, c], view({ random: () => draw })));
    expect(order[0]).toBe(first);
    expect(order).toHaveLength(3);
    expect(new Set(order).size).toBe(3);
  });

  it("weighted lands within 5 points of the weights over 1,000 requests", () => {
    let seed = 42;
    // A fixed linear congruential sequence keeps the test repeatable.
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    const counts: Record<string, number> = { a: 0, b: 0, c: 0 };
    for (let request = 0; request < 1000; request++) {
      const first = STRATEGIES.weighted([a, b, c], view({ random }))[0]!.id;
      counts[first] = (counts[first] ?? 0) + 1;
    }
    expect(Math.abs(counts.a! / 1000 - 0.1)).toBeLessThan(0.05);
    expect(Math.abs(counts.b! / 1000 - 0.3)).toBeLessThan(0.05);
    expect(Math.abs(counts.c! / 1000 - 0.6)).toBeLessThan(0.05);
  });

  it("least-busy prefers the target with the fewest requests in flight", () => {
    const load: Record<string, number> = { a: 5, b: 1, c: 3 };
    expect(ids(STRATEGIES["least-busy"]([a, b, c], view({ inFlight: (entry) => load[entry.id] ?? 0 })))).toEqual([
      "b",
      "c",
      "a",
    ]);
  });

  it("latency prefers the fastest, and tries an unmeasured target first", () => {
    const latency: Record<string, number | undefined> = { a: 300, b: 40, c: undefined };
    expect(ids(STRATEGIES.latency([a, b, c], view({ latencyMs: (entry) => latency[entry.id] })))).toEqual([
      "c",
      "b",
      "a",
    ]);
  });
});
