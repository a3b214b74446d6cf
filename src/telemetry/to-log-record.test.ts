import { describe, expect, it } from "vitest";
import type { LogEvent } from "../contract/log-event.js";
import { toLogRecord } from "./to-log-record.js";

const event = (usage: LogEvent["usage"]): LogEvent => ({
  requestId: "req_1",
  startedAt: "2026-11-26T10:00:00.000Z",
  durationMs: 12,
  endpoint: "chat",
  dialect: "openai-chat",
  status: 200,
  stream: false,
  gatewayMs: 1,
  usage,
  fields: {},
});

describe("toLogRecord", () => {
  it("leaves the provider's raw usage out of the stored event, and the event itself alone", () => {
    const raw = { input_tokens: 10, output_tokens: 5 };
    const logged = event({ inputTokens: 10, outputTokens: 5, totalTokens: 15, raw });
    const record = toLogRecord(logged, undefined);
    expect(JSON.parse(record.eventJson).usage).toEqual({ inputTokens: 10, outputTokens: 5, totalTokens: 15 });
    expect(logged.usage?.raw).toBe(raw);
    expect(record).toMatchObject({ requestId: "req_1", startedAt: Date.parse(logged.startedAt), inputTokens: 10 });
  });

  it("leaves it out of a frozen usage object too", () => {
    const raw = { input_tokens: 10 };
    const logged = event(Object.freeze({ inputTokens: 10, outputTokens: 5, totalTokens: 15, raw }));
    expect(JSON.parse(toLogRecord(logged, undefined).eventJson).usage).toEqual({
      inputTokens: 10,
      outputTokens: 5,
      totalTokens: 15,
    });
    expect(logged.usage?.raw).toBe(raw);
  });

  it("stores the event as it is when there is no raw usage", () => {
    const logged = event({ inputTokens: 3, outputTokens: 4, totalTokens: 7 });
    expect(JSON.parse(toLogRecord(logged, undefined).eventJson)).toEqual(logged);
    expect(JSON.parse(toLogRecord(event(undefined), undefined).eventJson).usage).toBeUndefined();
  });
});
