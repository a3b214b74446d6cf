import { describe, expect, it } from "vitest";
import type { Exchange } from "./exchange.js";
import { exchangeTiming } from "./exchange-timing.js";

const arrivedMsAgo = (ms: number) =>
  ({
    requestId: "req-1",
    startedAt: performance.now() - ms,
    startedAtEpochMs: Date.UTC(2026, 10, 26, 12, 0, 0, 250),
  }) as Exchange;

describe("exchangeTiming", () => {
  it("gives the id, the arrival as ISO, the duration and the gateway's share of it", () => {
    const timing = exchangeTiming(arrivedMsAgo(50), 30);
    expect(timing.requestId).toBe("req-1");
    expect(timing.startedAt).toBe("2026-11-26T12:00:00.250Z");
    expect(timing.durationMs).toBeGreaterThanOrEqual(50);
    expect(timing.gatewayMs).toBeCloseTo(timing.durationMs - 30, 6);
  });

  it("counts the whole duration as the gateway's without an upstream, and never less than zero", () => {
    const alone = exchangeTiming(arrivedMsAgo(5), undefined);
    expect(alone.gatewayMs).toBe(alone.durationMs);
    expect(exchangeTiming(arrivedMsAgo(5), 60_000).gatewayMs).toBe(0);
  });
});
