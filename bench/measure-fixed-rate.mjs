// Open-loop latency: requests leave on a fixed schedule whether or not earlier ones have
// answered, so a slow response cannot hide by holding the next request back.
import { setTimeout as sleep } from "node:timers/promises";
import { JSON_HEADERS } from "./chat-request-body.mjs";

/** The gateway's own time (ms) from its `Server-Timing` header (`gateway;dur=0.06, …`), if any. */
function ownTimeOf(response) {
  const match = /(?:^|,)\s*gateway;dur=([\d.]+)/.exec(String(response.headers["server-timing"] ?? ""));
  return match ? Number(match[1]) : undefined;
}

async function timeOne(pool, body, latencies, ownTimes, counts) {
  const started = performance.now();
  try {
    const response = await pool.request({ path: "/v1/chat/completions", method: "POST", headers: JSON_HEADERS, body });
    await response.body.arrayBuffer();
    if (response.statusCode === 200) {
      latencies.push(performance.now() - started);
      const ownTime = ownTimeOf(response);
      if (ownTime !== undefined) ownTimes.push(ownTime);
    } else counts.failures++;
  } catch {
    counts.failures++;
  }
}

/**
 * Sends `rate` requests/s for `durationMs` through `pool` (an undici Pool), timing each request
 * from dispatch to the last byte of its body (the whole stream, for a streamed request).
 * `ownTimes`: what the gateway says it spent itself, from each answer's Server-Timing header
 * (empty for the mock and the minimal proxy, which send none).
 */
export async function measureFixedRate({ pool, body, rate, durationMs }) {
  const latencies = [];
  const ownTimes = [];
  const counts = { failures: 0 };
  const total = Math.round((rate * durationMs) / 1000);
  const interval = 1000 / rate;
  const pending = [];
  const started = performance.now();
  for (let index = 0; index < total; index++) {
    const wait = started + index * interval - performance.now();
    if (wait > 0) await sleep(wait);
    pending.push(timeOne(pool, body, latencies, ownTimes, counts));
  }
  await Promise.all(pending);
  return {
    latencies,
    ownTimes,
    sent: total,
    failures: counts.failures,
    achievedRate: (total * 1000) / (performance.now() - started),
  };
}
