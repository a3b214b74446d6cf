import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import type { StreamChunk, StreamEvent } from "../../contract/stream-event.js";
import { readOllamaChatStream } from "./stream.js";

const created = "2025-07-07T20:22:19.18Z";
const chunk = (message: Record<string, unknown>) =>
  `${JSON.stringify({ model: "llama3.2", created_at: created, message: { role: "assistant", ...message }, done: false })}\n`;
const done = (doneReason = "stop") =>
  `${JSON.stringify({
    model: "llama3.2",
    created_at: created,
    message: { role: "assistant", content: "" },
    done: true,
    done_reason: doneReason,
    prompt_eval_count: 169,
    eval_count: 15,
  })}\n`;

async function* reads(chunks: Array<string | Buffer>): AsyncGenerator<Buffer> {
  for (const item of chunks) yield typeof item === "string" ? Buffer.from(item, "utf8") : item;
}

async function collect(chunks: Array<string | Buffer>): Promise<{ chunks: StreamChunk[]; events: StreamEvent[] }> {
  const result: StreamChunk[] = [];
  for await (const item of readOllamaChatStream(reads(chunks), "ollama", "llama3.2", new AbortController().signal)) {
    result.push(item);
  }
  return { chunks: result, events: result.flatMap((item) => item.events) };
}

describe("readOllamaChatStream", () => {
  it("text lines split anywhere, even inside a character", async () => {
    const whole = Buffer.from(chunk({ content: "The" }) + chunk({ content: " sky ✓" }) + done(), "utf8");
    const cut = whole.indexOf(0xe2) + 1;
    const { events } = await collect([whole.subarray(0, 30), whole.subarray(30, cut), whole.subarray(cut)]);
    expect(events[0]).toMatchObject({ type: "stream-start", model: "llama3.2", created: 1751919739 });
    expect(events.slice(1)).toEqual([
      { type: "role-start", choiceIndex: 0 },
      { type: "text-delta", choiceIndex: 0, text: "The" },
      { type: "text-delta", choiceIndex: 0, text: " sky ✓" },
      { type: "finish", choiceIndex: 0, finishReason: { unified: "stop", raw: "stop" } },
      {
        type: "usage",
        usage: expect.objectContaining({ inputTokens: 169, outputTokens: 15, totalTokens: 184 }),
      },
    ]);
  });

  it("whole tool calls: ids are synthesised, arguments stringified, finish is tool_calls", async () => {
    const { events } = await collect([
      chunk({ content: "", thinking: "Use the tools." }),
      chunk({
        content: "",
        tool_calls: [
          { function: { index: 0, name: "get_weather", arguments: { city: "Tokyo" } } },
          { function: { index: 1, name: "get_time", arguments: {} } },
        ],
      }),
      done(),
    ]);
    expect(events.slice(2, -1)).toEqual([
      { type: "reasoning-delta", choiceIndex: 0, text: "Use the tools." },
      { type: "tool-input-start", choiceIndex: 0, toolIndex: 0, id: "call_0", name: "get_weather" },
      { type: "tool-input-delta", choiceIndex: 0, toolIndex: 0, argumentsDelta: '{"city":"Tokyo"}' },
      { type: "tool-input-start", choiceIndex: 0, toolIndex: 1, id: "call_1", name: "get_time" },
      { type: "tool-input-delta", choiceIndex: 0, toolIndex: 1, argumentsDelta: "{}" },
      { type: "finish", choiceIndex: 0, finishReason: { unified: "tool_calls", raw: "stop" } },
    ]);
  });

  it("yields one chunk per network read and stops at the done line", async () => {
    const { chunks } = await collect([
      chunk({ content: "a" }) + chunk({ content: "b" }),
      chunk({ content: "c" }),
      done("length") + chunk({ content: "after the end" }),
    ]);
    expect(chunks.map((item) => item.events.map((event) => event.type))).toEqual([
      ["stream-start", "role-start", "text-delta", "text-delta"],
      ["text-delta"],
      ["finish", "usage"],
    ]);
  });

  const failures: Array<{ name: string; chunks: string[]; code: string; message: RegExp }> = [
    {
      name: "an error line after HTTP 200",
      chunks: [
        chunk({ content: "The" }),
        '{"error":"an error was encountered while running the model: unexpected EOF"}\n',
      ],
      code: "upstream_error",
      message: /^an error was encountered while running the model/,
    },
    {
      name: "EOF before the done line",
      chunks: [chunk({ content: "The" })],
      code: "upstream_stream_error",
      message: /ended the stream before it was complete/,
    },
    {
      name: "a line cut by EOF",
      chunks: [chunk({ content: "The" }), '{"model":"llama3.2","mess'],
      code: "upstream_bad_response",
      message: /not JSON/,
    },
    {
      name: "a line that is not an object",
      chunks: ["42\n"],
      code: "upstream_bad_response",
      message: /not an object/,
    },
  ];

  it.each(failures)("$name → one error event, then the stream ends", async ({ chunks, code, message }) => {
    const { events } = await collect(chunks);
    const last = events.at(-1);
    expect(events.filter((event) => event.type === "error")).toHaveLength(1);
    expect(last?.type).toBe("error");
    if (last?.type !== "error") return;
    expect(last.error).toMatchObject({ code, status: 502, retryable: true, upstream: { provider: "ollama" } });
    expect(last.error.message).toMatch(message);
  });

  it("a broken connection → one upstream_unreachable error event, after what was read", async () => {
    const body = new PassThrough();
    const stream = readOllamaChatStream(body, "ollama", "llama3.2", new AbortController().signal);
    body.write(chunk({ content: "The" }));
    const first = await stream.next();
    expect(first.value?.events.map((event: StreamEvent) => event.type)).toEqual([
      "stream-start",
      "role-start",
      "text-delta",
    ]);
    body.destroy();
    const rest: StreamEvent[] = [];
    for await (const item of stream) rest.push(...item.events);
    expect(rest).toEqual([{ type: "error", error: expect.objectContaining({ code: "upstream_unreachable" }) }]);
  });

  it("after the done line the body is read to its end, not destroyed", async () => {
    const body = new PassThrough();
    const stream = readOllamaChatStream(body, "ollama", "llama3.2", new AbortController().signal);
    body.write(chunk({ content: "The" }) + done());
    for await (const _item of stream);
    body.end("\n");
    await new Promise((resolve) => setImmediate(resolve));
    expect(body.readableEnded).toBe(true);
  });

  it("an error line, or a reader that stops early, destroys the body", async () => {
    const failed = new PassThrough();
    const failedStream = readOllamaChatStream(failed, "ollama", "llama3.2", new AbortController().signal);
    failed.write('{"error":"model crashed"}\n');
    for await (const _item of failedStream);
    const left = new PassThrough();
    left.write(chunk({ content: "The" }));
    for await (const _item of readOllamaChatStream(left, "ollama", "llama3.2", new AbortController().signal)) break;
    expect([failed.destroyed, failed.readableEnded]).toEqual([true, false]);
    expect([left.destroyed, left.readableEnded]).toEqual([true, false]);
  });
});
