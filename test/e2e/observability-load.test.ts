import { createServer } from "node:net";
import Database from "better-sqlite3";
import { Pool } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type MockOpenAIUpstream, startMockOpenAIUpstream } from "../support/mock-openai-upstream.js";
import { startGateway } from "../support/start-gateway.js";
import { databasePath, parsePrometheusText, sumOf } from "./observability-support.js";

let upstream: MockOpenAIUpstream;

beforeAll(async () => {
  upstream = await startMockOpenAIUpstream();
});

afterAll(async () => {
  await upstream?.close();
});

const provider = () => ({ type: "openai", baseUrl: `${upstream.url}/v1`, apiKey: "sk-mock-upstream" });

/** One of four request shapes: plain, streamed, failing upstream (400), unknown model (404). */
function body(index: number): string {
  const kind = index % 4;
  const model = kind === 2 ? "mock/mock-error-400" : kind === 3 ? "no-such-model" : "mock/gpt-4o-mini";
  return JSON.stringify({ model, stream: kind === 1, messages: [{ role: "user", content: `request ${index}` }] });
}

async function send(pool: Pool, index: number, extraHeaders: Record<string, string> = {}): Promise<number> {
  const response = await pool.request({
    path: "/v1/chat/completions",
    method: "POST",
    headers: { "content-type": "application/json", ...extraHeaders },
    body: body(index),
  });
  await response.body.text();
  return response.statusCode;
}

/** Runs `count` requests with `concurrency` in flight; returns the statuses. */
async function run(pool: Pool, from: number, count: number, concurrency: number): Promise<number[]> {
  const statuses: number[] = [];
  let next = from;
  const worker = async () => {
    while (next < from + count) {
      const index = next++;
      statuses.push(await send(pool, index));
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return statuses;
}

describe("no log event is lost", () => {
  it("writes exactly 10,000 rows for 10,000 requests, with SIGTERM arriving while requests are in flight", async () => {
    const gateway = await startGateway({
      providers: { mock: provider() },
      telemetry: { sinks: [{ type: "database" }] },
    });
    const pool = new Pool(gateway.url, { connections: 32 });
    const total = 10_000;
    const inFlightAtStop = 100;
    const statuses = await run(pool, 0, total - inFlightAtStop, 32);
    const reachedUpstream = upstream.requests.length;
    // The last ones are slow streams, still running when SIGTERM arrives.
    const slow = Array.from({ length: inFlightAtStop }, (_, offset) =>
      pool
        .request({
          path: "/v1/chat/completions",
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({
            model: "mock/mock-slow-stream",
            stream: true,
            messages: [{ role: "user", content: `slow ${offset}` }],
          }),
        })
        .then(async (response) => {
          await response.body.text();
          return response.statusCode;
        }),
    );
    await upstream.waitForRequests(reachedUpstream + inFlightAtStop, 10_000);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const exited = gateway.stop("SIGTERM");
    statuses.push(...(await Promise.all(slow)));
    expect(await exited).toBe(0);
    await pool.close();

    expect(statuses).toHaveLength(total);
    // Half of the first 9,900 succeed (plain and streamed), and every slow stream finished.
    expect(statuses.filter((status) => status === 200).length).toBe(4_950 + inFlightAtStop);
    const database = new Database(databasePath(gateway.configPath), { readonly: true });
    try {
      const count = database.prepare("SELECT COUNT(*) AS count FROM request_logs").get() as { count: number };
      expect(count.count).toBe(total);
      const byStatus = database
        .prepare("SELECT status, COUNT(*) AS count FROM request_logs GROUP BY status ORDER BY status")
        .all() as Array<{ status: number; count: number }>;
      const sent = new Map<number, number>();
      for (const status of statuses) sent.set(status, (sent.get(status) ?? 0) + 1);
      expect(Object.fromEntries(byStatus.map((row) => [row.status, row.count]))).toEqual(Object.fromEntries(sent));
    } finally {
      database.close();
    }
  }, 180_000);
});

async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe("a dead webhook sink", () => {
  it("neither slows nor fails requests, and counts its drops", async () => {
    const gateway = await startGateway({
      providers: { mock: provider() },
      telemetry: {
        sinks: [
          { type: "database" },
          { type: "webhook", url: `http://127.0.0.1:${await deadPort()}/logs`, queueSize: 50, attempts: 2 },
        ],
      },
    });
    const pool = new Pool(gateway.url, { connections: 8 });
    try {
      const latencies: number[] = [];
      for (let index = 0; index < 400; index++) {
        const started = performance.now();
        expect(await send(pool, index * 4)).toBe(200);
        latencies.push(performance.now() - started);
      }
      latencies.sort((a, b) => a - b);
      // Loopback requests to a mock take a few ms; a request waiting on the sink would take seconds.
      expect(latencies[Math.floor(latencies.length * 0.95)]).toBeLessThan(250);
      const metrics = parsePrometheusText(await (await fetch(`${gateway.url}/metrics`)).text());
      expect(sumOf(metrics, "switchyard_log_events_dropped_total", { sink: "webhook" })).toBeGreaterThan(250);
      expect(sumOf(metrics, "switchyard_log_write_failures_total", { sink: "webhook" })).toBeGreaterThan(0);
      expect(sumOf(metrics, "switchyard_log_events_dropped_total", { sink: "database" })).toBe(0);
      expect(sumOf(metrics, "switchyard_log_queue_depth", { sink: "webhook" })).toBeLessThanOrEqual(50);
    } finally {
      await pool.close();
      expect(await gateway.stop()).toBe(0);
    }
  }, 60_000);
});
