import Database from "better-sqlite3";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { configSchema } from "../config/schema.js";
import type { LogEvent } from "../contract/log-event.js";
import type { Storage } from "../stores/storage.js";
import { Telemetry } from "./telemetry.js";

const logger = pino({ level: "silent" });

function storage(): { storage: Storage; database: Database.Database } {
  const database = new Database(":memory:");
  return { database, storage: { kind: "sqlite", database, ping: async () => {}, close: async () => {} } };
}

function event(requestId: string, fields: Partial<LogEvent> = {}): LogEvent {
  return {
    requestId,
    startedAt: new Date().toISOString(),
    durationMs: 12,
    endpoint: "chat",
    dialect: "openai-chat",
    model: "smart",
    provider: "main",
    upstreamModel: "gpt-4o-mini",
    status: 200,
    stream: false,
    gatewayMs: 1,
    usage: { inputTokens: 1_000, outputTokens: 500, totalTokens: 1_500 },
    fields: {},
    ...fields,
  };
}

const config = configSchema.parse({
  providers: { main: { type: "openai", apiKey: "x" } },
  telemetry: { capture: { redact: [{ pattern: "blue", replacement: "[COLOUR]" }] }, retentionDays: 1 },
});

describe("Telemetry", () => {
  it("enriches, redacts and stores each event, and writes the queue on close", async () => {
    const { storage: store, database } = storage();
    const telemetry = await Telemetry.open(config, store, "/tmp", logger);
    const recorded = telemetry.record(
      event("r1", {
        user: "end-user-7",
        metadata: { team: "a" },
        fields: {
          cacheStatus: "miss",
          attempts: [
            { provider: "main", upstreamModel: "gpt-4o-mini", status: 500, durationMs: 3 },
            { provider: "main", upstreamModel: "gpt-4o-mini", status: 200, durationMs: 4 },
          ],
        },
        captured: {
          level: "full",
          requestMessages: 1,
          requestCharacters: 20,
          request: [{ role: "user", content: "the blue one, a@b.io" }],
          response: [{ text: "blue it is" }],
        },
      }),
      config,
    );
    // gpt-4o-mini at 0.15 / 0.60 USD per million tokens, found through the provider's type.
    expect(recorded.costUsd).toBeCloseTo((1_000 * 0.15 + 500 * 0.6) / 1_000_000, 12);
    expect(recorded).toMatchObject({
      cacheStatus: "miss",
      retries: 1,
      fallbacks: 0,
      metadata: { team: "a", user: "end-user-7" },
    });
    expect(recorded.fields).toEqual({ cacheStatus: "miss" });
    expect(recorded.captured?.request).toEqual([{ role: "user", content: "the [COLOUR] one, [EMAIL]" }]);
    expect(database.prepare("SELECT COUNT(*) AS count FROM request_logs").get()).toEqual({ count: 0 });
    await telemetry.close(1_000);
    const row = database.prepare("SELECT * FROM request_logs").get() as Record<string, unknown>;
    expect(row).toMatchObject({ request_id: "r1", cache_status: "miss", retries: 1, capture_level: "full" });
    expect(String(row.event)).not.toContain("a@b.io");
    expect(database.prepare("SELECT messages FROM request_logs_text").get()).toEqual({
      messages: "the [COLOUR] one, [EMAIL]\n[COLOUR] it is",
    });
  });

  it("deletes logs past retentionDays when it opens", async () => {
    const { storage: store, database } = storage();
    const first = await Telemetry.open(configSchema.parse({}), store, "/tmp", logger);
    first.record(event("old", { startedAt: new Date(Date.now() - 3 * 86_400_000).toISOString() }), config);
    first.record(event("new"), config);
    await first.close(1_000);
    const second = await Telemetry.open(config, store, "/tmp", logger);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await second.close(1_000);
    expect(database.prepare("SELECT request_id FROM request_logs").all()).toEqual([{ request_id: "new" }]);
  });
});
