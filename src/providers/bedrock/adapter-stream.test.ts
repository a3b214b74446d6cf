import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { collectChunks } from "../../../test/support/collect-chunks.js";
import {
  bedrockAgainst,
  call,
  chatRequest,
  HAIKU,
  userSays,
  weatherTool,
} from "../../../test/support/mock-bedrock/bedrock-test-kit.js";
import {
  MOCK_DELAY_HEADER,
  type MockBedrockUpstream,
  startMockBedrockUpstream,
} from "../../../test/support/mock-bedrock-upstream.js";
import type { ProviderAdapter } from "../../contract/provider-adapter.js";
import type { StreamEvent } from "../../contract/stream-event.js";
import { AbortScope } from "../../outbound/abort-scope.js";

let mock: MockBedrockUpstream;
let adapter: ProviderAdapter;

beforeAll(async () => {
  mock = await startMockBedrockUpstream();
  adapter = bedrockAgainst(mock.url);
});
afterEach(() => mock.reset());
afterAll(async () => {
  await adapter.close();
  await mock.close();
});

async function streamEvents(model = HAIKU, request = chatRequest({ stream: true })): Promise<StreamEvent[]> {
  const result = await adapter.chatStream(request, call(model));
  return (await collectChunks(result.chunks)).flatMap((chunk) => chunk.events);
}

function textOf(events: StreamEvent[]): string {
  return events.map((event) => (event.type === "text-delta" ? event.text : "")).join("");
}

describe("Bedrock adapter: ConverseStream", () => {
  it("decodes a text stream whose frames arrive cut across reads", async () => {
    const result = await adapter.chatStream(chatRequest({ stream: true }), call());
    const chunks = await collectChunks(result.chunks);
    const sent = mock.lastRequest();
    expect(sent?.path).toBe("/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse-stream");
    expect(sent?.body).toEqual({ messages: [{ role: "user", content: [{ text: "Hi" }] }] });
    expect(sent?.headers["authorization"]).toMatch(/^AWS4-HMAC-SHA256 Credential=.*\/bedrock\/aws4_request, /);
    expect(chunks.length).toBeGreaterThan(2);
    const events = chunks.flatMap((chunk) => chunk.events);
    expect(events.slice(0, 2)).toEqual([
      { type: "stream-start", id: `bedrock-${result.upstreamRequestId}`, model: HAIKU, created: expect.any(Number) },
      { type: "role-start", choiceIndex: 0 },
    ]);
    expect(textOf(events)).toBe("Echo: Hi ✓");
    // Finish waits for the metadata event, so finish and usage arrive together, last.
    expect(events.slice(-2)).toEqual([
      { type: "finish", choiceIndex: 0, finishReason: { unified: "stop", raw: "end_turn" } },
      {
        type: "usage",
        usage: {
          inputTokens: 1,
          outputTokens: 4,
          totalTokens: 5,
          cachedInputTokens: 0,
          cacheWriteInputTokens: 0,
          raw: { inputTokens: 1, outputTokens: 4, totalTokens: 5, cacheReadInputTokens: 0, cacheWriteInputTokens: 0 },
        },
      },
    ]);
    expect(events.some((event) => event.type === "error")).toBe(false);
  });

  it("numbers parallel tool calls and streams their argument fragments", async () => {
    const secondTool = { ...weatherTool, name: "get_time" };
    const events = await streamEvents(HAIKU, chatRequest({ stream: true, tools: [weatherTool, secondTool] }));
    const starts = events.filter((event) => event.type === "tool-input-start");
    expect(starts).toEqual([
      {
        type: "tool-input-start",
        choiceIndex: 0,
        toolIndex: 0,
        id: expect.stringMatching(/^tooluse_/),
        name: "get_weather",
      },
      {
        type: "tool-input-start",
        choiceIndex: 0,
        toolIndex: 1,
        id: expect.stringMatching(/^tooluse_/),
        name: "get_time",
      },
    ]);
    for (const toolIndex of [0, 1]) {
      const fragments = events.flatMap((event) =>
        event.type === "tool-input-delta" && event.toolIndex === toolIndex ? [event.argumentsDelta] : [],
      );
      expect(fragments.length).toBeGreaterThan(1);
      expect(fragments.join("")).toBe('{"city":"Paris"}');
    }
    expect(events.find((event) => event.type === "finish")).toMatchObject({
      finishReason: { unified: "tool_calls", raw: "tool_use" },
    });
  });

  it("streams signed reasoning before the text", async () => {
    const events = await streamEvents(
      HAIKU,
      chatRequest({
        stream: true,
        messages: [userSays("Why?")],
        providerOptions: { bedrock: { thinking: { type: "enabled", budget_tokens: 1024 } } },
      }),
    );
    const reasoning = events.filter((event) => event.type === "reasoning-delta");
    expect(reasoning.map((event) => (event.type === "reasoning-delta" ? event.text : "")).join("")).toBe(
      "Thinking about: Why?",
    );
    expect(reasoning.at(-1)).toEqual({
      type: "reasoning-delta",
      choiceIndex: 0,
      text: "",
      signature: expect.any(String),
    });
    expect(textOf(events)).toBe("Echo: Why? ✓");
  });

  it("turns a throttlingException frame after messageStart into a retryable 429 error event", async () => {
    const result = await adapter.chatStream(chatRequest({ stream: true }), call("mock-stream-exception"));
    const chunks = await collectChunks(result.chunks);
    expect(chunks[0]?.events.map((event) => event.type)).toEqual(["stream-start", "role-start"]);
    const last = chunks.at(-1)?.events.at(-1);
    expect(last?.type).toBe("error");
    if (last?.type !== "error") return;
    expect(last.error).toMatchObject({
      code: "upstream_error",
      status: 429,
      retryable: true,
      message: "Too many requests, please wait before trying again.",
      upstream: { provider: "bedrock", status: 429, code: "ThrottlingException", requestId: result.upstreamRequestId },
    });
  });

  it("reports a frame with a wrong CRC in the first chunk, before any event", async () => {
    const result = await adapter.chatStream(chatRequest({ stream: true }), call("mock-bad-crc"));
    const chunks = await collectChunks(result.chunks);
    expect(chunks).toHaveLength(1);
    const [event] = chunks[0]?.events ?? [];
    expect(event?.type).toBe("error");
    if (event?.type !== "error") return;
    expect(event.error).toMatchObject({ code: "upstream_bad_response", status: 502 });
    expect(event.error.message).toMatch(/corrupt event-stream frame.*checksum/);
  });

  it("reports a body that is not an event stream at all", async () => {
    const chunks = await collectChunks(
      (await adapter.chatStream(chatRequest({ stream: true }), call("mock-garbage"))).chunks,
    );
    expect(chunks.flatMap((chunk) => chunk.events)).toEqual([
      { type: "error", error: expect.objectContaining({ code: "upstream_bad_response" }) },
    ]);
  });

  it("reports a stream cut off mid-frame as a stream error, not a clean finish", async () => {
    const events = await streamEvents("mock-truncated-stream");
    expect(events.some((event) => event.type === "finish")).toBe(false);
    expect(events.at(-1)).toEqual({ type: "error", error: expect.objectContaining({ code: "upstream_stream_error" }) });
  });

  it("fails before the stream opens when Bedrock answers with an HTTP error", async () => {
    await expect(adapter.chatStream(chatRequest({ stream: true }), call("mock-error-429"))).rejects.toMatchObject({
      code: "upstream_error",
      status: 429,
      retryable: true,
    });
  });

  it("aborts the upstream request when the client goes away", async () => {
    const abort = new AbortScope();
    const slow = chatRequest({ stream: true });
    const result = await adapter.chatStream(slow, {
      ...call("mock-slow-stream", abort),
      headers: { [MOCK_DELAY_HEADER]: "100" },
    });
    const iterator = result.chunks[Symbol.asyncIterator]();
    const first = await iterator.next();
    expect(first.value?.events[0]?.type).toBe("stream-start");
    abort.abort(new DOMException("The client went away.", "AbortError"));
    await iterator.return?.();
    await mock.waitForAbort();
    expect(mock.lastRequest()?.aborted).toBe(true);
  });
});
