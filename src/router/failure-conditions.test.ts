import { describe, expect, it } from "vitest";
import { GatewayError } from "../contract/errors.js";
import { matchesCondition } from "./failure-conditions.js";
import { retryDelay } from "./retry-delay.js";

const upstream = (status: number, code: string | null = null, retryAfterSeconds?: number) =>
  new GatewayError("upstream_error", "x", { status, upstream: { provider: "p", status, code, retryAfterSeconds } });

describe("matchesCondition", () => {
  it.each([
    ["timeout", new GatewayError("upstream_timeout", "x"), true],
    ["connect", new GatewayError("upstream_unreachable", "x"), true],
    ["bad_response", new GatewayError("upstream_stream_error", "x"), true],
    ["429", upstream(429), true],
    ["429", upstream(503), false],
    ["5xx", upstream(503), true],
    ["5xx", upstream(429), false],
    ["4xx", upstream(400), true],
    ["content_filter", upstream(400, "content_filter"), true],
    ["insufficient_quota", upstream(429, "insufficient_quota"), true],
    ["5xx", new GatewayError("plugin_failed", "x"), false],
  ])("%s matches %s: %s", (condition, error, expected) => {
    expect(matchesCondition(error, condition)).toBe(expected);
  });
});

describe("retryDelay", () => {
  const policy = { retries: 3, backoffMs: 100, maxBackoffMs: 1000, retryAfterCapMs: 5000, on: [] };

  it("honours retry-after up to the cap, and gives up beyond it", () => {
    expect(retryDelay(upstream(429, null, 2), 0, policy, () => 0.5)).toBe(2000);
    expect(retryDelay(upstream(429, null, 60), 0, policy, () => 0.5)).toBeUndefined();
  });

  it.each([
    [0, 1, 100],
    [1, 1, 200],
    [2, 1, 400],
    [5, 1, 1000],
    [2, 0, 0],
  ])("backs off exponentially with full jitter (retry %d, random %d → %d ms)", (retry, random, expected) => {
    expect(retryDelay(upstream(500), retry, policy, () => random)).toBe(expected);
  });
});
