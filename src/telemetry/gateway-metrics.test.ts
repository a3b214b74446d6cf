import { describe, expect, it } from "vitest";
import type { LogEvent } from "../contract/log-event.js";
import { GatewayMetrics } from "./gateway-metrics.js";

function event(fields: Record<string, unknown>, cacheStatus?: string): LogEvent {
  return {
    requestId: "r",
    startedAt: new Date(0).toISOString(),
    durationMs: 3,
    endpoint: "chat",
    dialect: "openai-chat",
    model: "smart",
    status: 200,
    stream: false,
    gatewayMs: 1,
    fields,
    cacheStatus,
  };
}

describe("GatewayMetrics", () => {
  it("counts the cost a cache saved and the similarity of semantic hits", async () => {
    const metrics = new GatewayMetrics(10, () => []);
    metrics.observe(event({ costSavedUsd: 0.002, cacheSimilarity: 0.95 }, "semantic-hit"));
    metrics.observe(event({ costSavedUsd: 0.001 }, "hit"));
    metrics.observe(event({}, "miss"));
    const text = await metrics.registry.metrics();
    expect(text).toContain('switchyard_cache_cost_saved_usd_total{cache_status="semantic-hit"} 0.002');
    expect(text).toContain('switchyard_cache_cost_saved_usd_total{cache_status="hit"} 0.001');
    expect(text).toContain("switchyard_cache_similarity_count 1");
    expect(text).toContain('switchyard_cache_similarity_bucket{le="0.96"} 1');
  });

  it("shows each target's circuit state", async () => {
    const metrics = new GatewayMetrics(10, () => []);
    metrics.watchCircuits(() => [
      { target: "openai/gpt-4o", circuit: "open" },
      { target: "groq/llama", circuit: "closed" },
    ]);
    const text = await metrics.registry.metrics();
    expect(text).toContain('switchyard_circuit_state{target="openai/gpt-4o",state="open"} 1');
    expect(text).toContain('switchyard_circuit_state{target="openai/gpt-4o",state="closed"} 0');
    expect(text).toContain('switchyard_circuit_state{target="groq/llama",state="closed"} 1');
  });
});
