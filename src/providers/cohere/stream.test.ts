import { describe, expect, it } from "vitest";
import type { StreamChunk, StreamEvent } from "../../contract/stream-event.js";
import { readCohereChatStream } from "./stream.js";

function sse(type: string, fields: Record<string, unknown> = {}): string {
  return `event: ${type}\ndata: ${JSON.stringify({ type, ...fields })}\n\n`;
}

const start = sse("message-start", {
  id: "586ac33f-8b4c-4a4d-a2ef-7d0b3c0e1a55",
  delta: { message: { role: "assistant", content: [], tool_plan: "", tool_calls: [], citations: [] } },
});
const usage = {
  billed_units: { input_tokens: 10, output_tokens: 5 },
  tokens: { input_tokens: 893, output_tokens: 62 },
};
const textDelta = (text: string) => sse("content-delta", { index: 0, delta: { message: { content: { text } } } });
const toolStart = (index: number, id: string, name: string, args = "") =>
  sse("tool-call-start", {
    index,
    delta: { message: { tool_calls: { id, type: "function", function: { name, arguments: args } } } },
  });
const toolDelta = (index: number, args: string) =>
  sse("tool-call-delta", { index, delta: { message: { tool_calls: { function: { arguments: args } } } } });
const end = (finish_reason: string, extra: Record<string, unknown> = {}) =>
  sse("message-end", { delta: { finish_reason, usage, ...extra } });

async function* reads(chunks: Array<string | Buffer>): AsyncGenerator<Buffer> {
  for (const chunk of chunks) yield typeof chunk === "string" ? Buffer.from(chunk, "utf8") : chunk;
}

async function collect(chunks: Array<string | Buffer>): Promise<{ chunks: StreamChunk[]; events: StreamEvent[] }> {
  const result: StreamChunk[] = [];
  const stream = readCohereChatStream(reads(chunks), "cohere", "command-a-03-2025", new AbortController().signal);
  for await (const chunk of stream) result.push(chunk);
  return { chunks: result, events: result.flatMap((chunk) => chunk.events) };
}

/** Events without the stream-start, whose `created` is the time of arrival. */
function withoutStart(events: StreamEvent[]): StreamEvent[] {
  return events.filter((event) => event.type !== "stream-start");
}

describe("readCohereChatStream", () => {
  it("text: start, deltas, finish, usage from tokens", async () => {
    const whole = Buffer.from(
      start +
        sse("content-start", { index: 0, delta: { message: { content: { type: "text", text: "" } } } }) +
        textDelta("Hello") +
        textDelta(" ✓") +
        sse("content-end", { index: 0 }) +
        end("COMPLETE"),
      "utf8",
    );
    // Cut in the middle of "✓" (e2 9c 93) and mid-event.
    const cut = whole.indexOf(0xe2) + 1;
    const { events } = await collect([whole.subarray(0, 40), whole.subarray(40, cut), whole.subarray(cut)]);
    expect(events[0]).toMatchObject({
      type: "stream-start",
      id: "586ac33f-8b4c-4a4d-a2ef-7d0b3c0e1a55",
      model: "command-a-03-2025",
    });
    expect(withoutStart(events)).toEqual([
      { type: "role-start", choiceIndex: 0 },
      { type: "text-delta", choiceIndex: 0, text: "Hello" },
      { type: "text-delta", choiceIndex: 0, text: " ✓" },
      { type: "finish", choiceIndex: 0, finishReason: { unified: "stop", raw: "COMPLETE" } },
      { type: "usage", usage: { inputTokens: 893, outputTokens: 62, totalTokens: 955, raw: usage } },
    ]);
  });

  it("tool calls: the plan is text, calls are numbered, a call without arguments gets {}", async () => {
    const { events } = await collect([
      start,
      sse("tool-plan-delta", { delta: { message: { tool_plan: "I will" } } }) +
        sse("tool-plan-delta", { delta: { message: { tool_plan: " look." } } }),
      toolStart(0, "weather_e8p4pn45zt0t", "weather") + toolDelta(0, '{"city"') + toolDelta(0, ':"Paris"}'),
      sse("tool-call-end", { index: 0 }),
      toolStart(1, "currentTime_y46ar19t5gvw", "currentTime") + sse("tool-call-end", { index: 1 }),
      end("TOOL_CALL"),
      "event: stream-end\ndata: [DONE]\n\n",
    ]);
    expect(withoutStart(events)).toEqual([
      { type: "role-start", choiceIndex: 0 },
      { type: "text-delta", choiceIndex: 0, text: "I will" },
      { type: "text-delta", choiceIndex: 0, text: " look." },
      { type: "tool-input-start", choiceIndex: 0, toolIndex: 0, id: "weather_e8p4pn45zt0t", name: "weather" },
      { type: "tool-input-delta", choiceIndex: 0, toolIndex: 0, argumentsDelta: '{"city"' },
      { type: "tool-input-delta", choiceIndex: 0, toolIndex: 0, argumentsDelta: ':"Paris"}' },
      { type: "tool-input-start", choiceIndex: 0, toolIndex: 1, id: "currentTime_y46ar19t5gvw", name: "currentTime" },
      { type: "tool-input-delta", choiceIndex: 0, toolIndex: 1, argumentsDelta: "{}" },
      { type: "finish", choiceIndex: 0, finishReason: { unified: "tool_calls", raw: "TOOL_CALL" } },
      { type: "usage", usage: { inputTokens: 893, outputTokens: 62, totalTokens: 955, raw: usage } },
    ]);
  });

  it("thinking becomes reasoning deltas", async () => {
    const { events } = await collect([
      start,
      sse("content-start", { index: 0, delta: { message: { content: { type: "thinking", thinking: "" } } } }),
      sse("content-delta", { index: 0, delta: { message: { content: { thinking: "Easy." } } } }),
      end("COMPLETE"),
    ]);
    expect(events).toContainEqual({ type: "reasoning-delta", choiceIndex: 0, text: "Easy." });
  });

  it("yields one chunk per network read", async () => {
    const { chunks } = await collect([start + textDelta("a"), textDelta("b") + textDelta("c"), end("COMPLETE")]);
    expect(chunks.map((chunk) => chunk.events.map((event) => event.type))).toEqual([
      ["stream-start", "role-start", "text-delta"],
      ["text-delta", "text-delta"],
      ["finish", "usage"],
    ]);
  });

  it("reads the rest of the body after message-end instead of destroying it", async () => {
    const seen = { reads: 0, finished: false };
    async function* body(): AsyncGenerator<Buffer> {
      try {
        for (const part of [start, end("COMPLETE"), "event: stream-end\ndata: [DONE]\n\n"]) {
          seen.reads++;
          yield Buffer.from(part);
        }
      } finally {
        seen.finished = true;
      }
    }
    const signal = new AbortController().signal;
    for await (const _chunk of readCohereChatStream(body(), "cohere", "command-a-03-2025", signal)) {
      // Read to the stream's end.
    }
    await new Promise((resolve) => setImmediate(resolve));
    expect(seen).toEqual({ reads: 3, finished: true });
  });

  const failures: Array<{ name: string; chunks: string[]; code: string; message: RegExp; status: number }> = [
    {
      name: "EOF before message-end",
      chunks: [start, textDelta("Hel")],
      code: "upstream_stream_error",
      message: /ended the stream before it was complete/,
      status: 502,
    },
    {
      name: "message-end with finish_reason ERROR",
      chunks: [
        start,
        textDelta("Hel"),
        sse("message-end", { delta: { error: "internal server error", finish_reason: "ERROR" } }),
      ],
      code: "upstream_error",
      message: /^internal server error$/,
      status: 502,
    },
    {
      name: "an error body in place of an event",
      chunks: [start, 'data: {"id":"e1","message":"too many tokens"}\n\n'],
      code: "upstream_error",
      message: /^too many tokens$/,
      status: 502,
    },
    {
      name: "an event that is not JSON",
      chunks: [start, "event: content-delta\ndata: {not json\n\n", textDelta("never read")],
      code: "upstream_bad_response",
      message: /not JSON/,
      status: 502,
    },
  ];

  it.each(failures)("$name → one error event, then the stream ends", async ({ chunks, code, message, status }) => {
    const { events } = await collect(chunks);
    const last = events.at(-1);
    expect(last?.type).toBe("error");
    expect(events.filter((event) => event.type === "error")).toHaveLength(1);
    expect(events.some((event) => event.type === "finish")).toBe(false);
    if (last?.type !== "error") return;
    expect(last.error).toMatchObject({ code, status, retryable: true, upstream: { provider: "cohere" } });
    expect(last.error.message).toMatch(message);
  });
});
