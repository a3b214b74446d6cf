import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  DEFAULT_MOCK_ANTHROPIC_API_KEY,
  type MockAnthropicUpstream,
  startMockAnthropicUpstream,
} from "../../../test/support/mock-anthropic-upstream.js";
import type { ChatMessage } from "../../contract/chat-message.js";
import type { ChatRequest } from "../../contract/chat-request.js";
import type { GatewayError } from "../../contract/errors.js";
import type { CallAbort, ProviderAdapter, UpstreamCall } from "../../contract/provider-adapter.js";
import type { StreamChunk, StreamEvent } from "../../contract/stream-event.js";
import { AbortScope } from "../../outbound/abort-scope.js";
import { ProviderConfigError } from "../provider-config-error.js";
import { anthropicConfigSchema } from "./config.js";
import { createAnthropicProvider } from "./create-anthropic-provider.js";

let mock: MockAnthropicUpstream;
let adapter: ProviderAdapter;

function provider(entry: Record<string, unknown>): ProviderAdapter {
  return createAnthropicProvider("claude", anthropicConfigSchema.parse({ type: "anthropic", ...entry }), {});
}

beforeAll(async () => {
  mock = await startMockAnthropicUpstream();
  adapter = provider({
    apiKey: DEFAULT_MOCK_ANTHROPIC_API_KEY,
    baseUrl: mock.url,
    headers: { "anthropic-beta": "feat-a,feat-b" },
    models: ["claude-haiku-4-5"],
  });
});
afterEach(() => mock.reset());
afterAll(async () => {
  await adapter.close();
  await mock.close();
});

function user(text: string): ChatMessage {
  return { role: "user", content: [{ type: "text", text }] };
}

function chatRequest(overrides: Partial<ChatRequest> = {}): ChatRequest {
  return {
    model: "claude/claude-haiku-4-5",
    messages: [user("hello world")],
    sampling: {},
    stream: false,
    providerOptions: {},
    ...overrides,
  };
}

function call(upstreamModel = "claude-haiku-4-5", abort: CallAbort = new AbortScope()): UpstreamCall {
  return { upstreamModel, abort, requestId: "gw-req-1", headers: { "x-team": "blue" } };
}

async function streamChunks(request: ChatRequest, upstreamCall = call()): Promise<StreamChunk[]> {
  const opened = await adapter.chatStream(request, upstreamCall);
  const chunks: StreamChunk[] = [];
  for await (const chunk of opened.chunks) chunks.push(chunk);
  return chunks;
}

const eventsOf = (chunks: StreamChunk[]): StreamEvent[] => chunks.flatMap((chunk) => chunk.events);
const textOf = (events: StreamEvent[]) =>
  events.map((event) => (event.type === "text-delta" ? event.text : "")).join("");

async function failureOf(promise: Promise<unknown>): Promise<GatewayError> {
  return promise.then(
    () => {
      throw new Error("expected a failure");
    },
    (error: GatewayError) => error,
  );
}

describe("the upstream request", () => {
  it("posts to /v1/messages with x-api-key, anthropic-version, configured and per-call headers, and the exact body", async () => {
    await adapter.chat(
      chatRequest({
        messages: [{ role: "system", content: [{ type: "text", text: "Be terse." }] }, user("hello world")],
        sampling: { temperature: 0.2, stop: ["END"] },
      }),
      call(),
    );
    const recorded = mock.lastRequest();
    expect(recorded?.method).toBe("POST");
    expect(recorded?.path).toBe("/v1/messages");
    expect(recorded?.headers).toMatchObject({
      "x-api-key": DEFAULT_MOCK_ANTHROPIC_API_KEY,
      "anthropic-version": "2023-06-01",
      "anthropic-beta": "feat-a,feat-b",
      "x-team": "blue",
      "content-type": "application/json",
    });
    expect(recorded?.headers).not.toHaveProperty("authorization");
    expect(recorded?.body).toEqual({
      model: "claude-haiku-4-5",
      system: "Be terse.",
      messages: [{ role: "user", content: "hello world" }],
      max_tokens: 4096,
      temperature: 0.2,
      stop_sequences: ["END"],
    });
  });

  it.each([
    ["a base URL with /v1", (url: string) => `${url}/v1`, {}, "/v1/messages", {}],
    [
      "a path prefix and query",
      (url: string) => `${url}/proxy/`,
      { query: { tenant: "a" } },
      "/proxy/v1/messages",
      { tenant: "a" },
    ],
  ])("accepts %s", async (_name, baseUrl, extra, path, query) => {
    const other = provider({
      apiKey: DEFAULT_MOCK_ANTHROPIC_API_KEY,
      baseUrl: baseUrl(mock.url),
      anthropicVersion: "2026-10-21",
      defaultMaxTokens: 77,
      ...extra,
    });
    await other.chat(chatRequest(), call()).catch(() => undefined);
    await other.close();
    expect(mock.lastRequest()).toMatchObject({ path, query });
    expect(mock.lastRequest()?.headers["anthropic-version"]).toBe("2026-10-21");
    expect(mock.lastRequest()?.body).toMatchObject({ max_tokens: 77 });
  });

  it("requires an API key unless an auth header is configured, and offers no embeddings", () => {
    expect(() => provider({})).toThrow(ProviderConfigError);
    expect(() => provider({ headers: { Authorization: "Bearer token" } })).not.toThrow();
    expect(adapter.embed).toBeUndefined();
    expect(adapter.type).toBe("anthropic");
  });
});

describe("chat", () => {
  it("decodes the message and keeps the upstream body for Anthropic clients", async () => {
    const result = await adapter.chat(chatRequest(), call());
    expect(result.response.choices).toEqual([
      {
        index: 0,
        content: [{ type: "text", text: "Echo: hello world ✓" }],
        finishReason: { unified: "stop", raw: "end_turn" },
      },
    ]);
    expect(result.response.id).toMatch(/^msg_01/);
    expect(result.response.usage).toMatchObject({
      inputTokens: 2,
      outputTokens: 4,
      totalTokens: 6,
      cachedInputTokens: 0,
    });
    expect(result.passthrough?.format).toBe("anthropic-messages");
    expect(JSON.parse(result.passthrough?.body ?? "")).toMatchObject({ id: result.response.id, type: "message" });
    expect(result.upstreamRequestId).toMatch(/^req_011C/);
  });

  it("reports cache writes and reads in usage", async () => {
    const request = chatRequest({
      messages: [
        {
          role: "system",
          content: [
            {
              type: "text",
              text: "a long shared prefix",
              providerOptions: { anthropic: { cache_control: { type: "ephemeral" } } },
            },
          ],
        },
        user("hello world"),
      ],
    });
    const first = await adapter.chat(request, call());
    expect(first.response.usage).toMatchObject({ inputTokens: 6, cacheWriteInputTokens: 4, cachedInputTokens: 0 });
    const second = await adapter.chat(request, call());
    expect(second.response.usage).toMatchObject({ inputTokens: 6, cacheWriteInputTokens: 0, cachedInputTokens: 4 });
  });

  it("runs a whole tool round trip the strict upstream accepts, with OpenAI-style ids rewritten", async () => {
    const tools = [
      { type: "function" as const, name: "get_weather", parameters: { type: "object" } },
      { type: "function" as const, name: "get_time", parameters: { type: "object" } },
    ];
    const first = await adapter.chat(chatRequest({ tools }), call());
    const content = first.response.choices[0]?.content ?? [];
    expect(first.response.choices[0]?.finishReason).toEqual({ unified: "tool_calls", raw: "tool_use" });
    const calls = content.filter((part) => part.type === "tool-call");
    expect(calls.map((part) => [part.name, part.arguments])).toEqual([
      ["get_weather", '{"city":"Paris"}'],
      ["get_time", '{"city":"Paris"}'],
    ]);
    // History as an OpenAI client would send it back, with one id another gateway made up.
    const history: ChatMessage[] = [
      user("hello world"),
      { role: "assistant", content: calls.map((part, index) => ({ ...part, id: index === 0 ? "call.1" : part.id })) },
      { role: "tool", content: [{ type: "tool-result", toolCallId: "call.1", content: "21C" }] },
      { role: "tool", content: [{ type: "tool-result", toolCallId: calls[1]?.id ?? "", content: "noon" }] },
    ];
    const second = await adapter.chat(chatRequest({ tools, messages: history }), call());
    expect(second.response.choices[0]?.content).toEqual([{ type: "text", text: "Echo: tool result 21C noon ✓" }]);
    const sent = mock.lastRequest()?.body as { messages: Array<{ role: string; content: unknown }> };
    expect(sent.messages.map((message) => message.role)).toEqual(["user", "assistant", "user"]);
  });

  it("accepts a conversation that starts with the assistant and has two user turns in a row", async () => {
    const messages: ChatMessage[] = [
      { role: "assistant", content: [{ type: "text", text: "How can I help?" }] },
      user("one"),
      user("two"),
    ];
    const result = await adapter.chat(chatRequest({ messages }), call());
    expect(result.response.choices[0]?.content).toEqual([{ type: "text", text: "Echo: one two ✓" }]);
  });

  it("passes thinking through providerOptions and returns signed reasoning", async () => {
    const result = await adapter.chat(
      chatRequest({
        sampling: { maxOutputTokens: 2048 },
        providerOptions: { anthropic: { thinking: { type: "enabled", budget_tokens: 1024 } } },
      }),
      call(),
    );
    expect(result.response.choices[0]?.content).toEqual([
      {
        type: "reasoning",
        text: 'The user wrote "hello world". I should echo it back.',
        signature: expect.any(String),
      },
      { type: "text", text: "Echo: hello world ✓" },
    ]);
  });

  it("asks for JSON through output_config.format", async () => {
    const result = await adapter.chat(
      chatRequest({ responseFormat: { type: "json_schema", name: "echo", schema: { type: "object" } } }),
      call(),
    );
    expect(mock.lastRequest()?.body).toMatchObject({
      output_config: { format: { type: "json_schema", schema: { type: "object" } } },
    });
    expect(result.response.choices[0]?.content).toEqual([{ type: "text", text: '{"echo":"hello world"}' }]);
  });

  it("counts tokens with /v1/messages/count_tokens", async () => {
    const counted = await adapter.countTokens?.(chatRequest({ sampling: { maxOutputTokens: 5 } }), call());
    expect(counted).toEqual({ inputTokens: 2 });
    expect(mock.lastRequest()).toMatchObject({
      path: "/v1/messages/count_tokens",
      body: { model: "claude-haiku-4-5", messages: [{ role: "user", content: "hello world" }] },
    });
  });
});

describe("chat errors", () => {
  it.each([
    ["mock-error-400", 400, "invalid_request_error", false, undefined],
    ["mock-error-429", 429, "rate_limit_error", true, 1],
    ["mock-error-500", 500, "api_error", true, undefined],
    ["mock-error-529", 529, "overloaded_error", true, undefined],
  ])("turns %s into upstream_error %i (%s)", async (model, status, code, retryable, retryAfterSeconds) => {
    const error = await failureOf(adapter.chat(chatRequest(), call(model)));
    expect(error).toMatchObject({ code: "upstream_error", status, retryable });
    expect(error.upstream).toMatchObject({
      provider: "claude",
      status,
      code,
      requestId: expect.stringMatching(/^req_011C/),
    });
    expect(error.upstream?.retryAfterSeconds).toBe(retryAfterSeconds);
  });

  it("keeps a 401 from a wrong key as a non-retryable authentication_error", async () => {
    const wrong = provider({ apiKey: "sk-ant-wrong", baseUrl: mock.url });
    const error = await failureOf(wrong.chat(chatRequest(), call()));
    await wrong.close();
    expect(error).toMatchObject({
      status: 401,
      type: "authentication_error",
      retryable: false,
      message: "invalid x-api-key",
    });
  });

  it("turns a 400 from the API's own checks into upstream_error naming the field", async () => {
    const error = await failureOf(adapter.chat(chatRequest({ sampling: { topP: 3 } }), call()));
    expect(error).toMatchObject({ status: 400, message: "top_p: Input should be less than or equal to 1" });
  });

  it.each([
    ["mock-garbage", "upstream_bad_response"],
    ["mock-truncated-stream", "upstream_bad_response"],
  ])("reports %s as %s", async (model, code) => {
    const error = await failureOf(adapter.chat(chatRequest(), call(model)));
    expect(error.code).toBe(code);
  });
});

describe("chatStream", () => {
  it("streams canonical events, every chunk carrying the upstream event unchanged", async () => {
    const opened = await adapter.chatStream(chatRequest(), call());
    expect(opened.upstreamRequestId).toMatch(/^req_011C/);
    const chunks: StreamChunk[] = [];
    for await (const chunk of opened.chunks) chunks.push(chunk);
    expect(mock.lastRequest()?.body).toMatchObject({ stream: true, max_tokens: 4096 });
    expect(chunks.map((chunk) => chunk.passthrough?.event)).toEqual([
      "message_start",
      "content_block_start",
      "ping",
      ...Array(5).fill("content_block_delta"),
      "content_block_stop",
      "message_delta",
      "message_stop",
    ]);
    for (const chunk of chunks) {
      expect(JSON.parse(chunk.passthrough?.data ?? "")).toMatchObject({ type: chunk.passthrough?.event });
    }
    const events = eventsOf(chunks);
    expect(events[0]).toMatchObject({
      type: "stream-start",
      id: expect.stringMatching(/^msg_01/),
      model: "claude-haiku-4-5",
    });
    expect(textOf(events)).toBe("Echo: hello world ✓");
    expect(events.slice(-2)).toEqual([
      { type: "finish", choiceIndex: 0, finishReason: { unified: "stop", raw: "end_turn" } },
      { type: "usage", usage: expect.objectContaining({ inputTokens: 2, outputTokens: 4, totalTokens: 6 }) },
    ]);
  });

  it("streams tool calls after text with toolIndex 0 and 1", async () => {
    const tools = ["get_weather", "get_time"].map((name) => ({ type: "function" as const, name }));
    const events = eventsOf(await streamChunks(chatRequest({ tools })));
    const starts = events.filter((event) => event.type === "tool-input-start");
    expect(starts).toMatchObject([
      { toolIndex: 0, name: "get_weather", id: expect.stringMatching(/^toolu_01/) },
      { toolIndex: 1, name: "get_time", id: expect.stringMatching(/^toolu_01/) },
    ]);
    for (const toolIndex of [0, 1]) {
      const fragments = events.flatMap((event) =>
        event.type === "tool-input-delta" && event.toolIndex === toolIndex ? [event.argumentsDelta] : [],
      );
      expect(fragments.every((fragment) => fragment !== "")).toBe(true);
      expect(JSON.parse(fragments.join(""))).toEqual({ city: "Paris" });
    }
    expect(events.find((event) => event.type === "finish")).toMatchObject({ finishReason: { unified: "tool_calls" } });
  });

  it("streams thinking as reasoning deltas with the signature", async () => {
    const events = eventsOf(
      await streamChunks(
        chatRequest({
          sampling: { maxOutputTokens: 2048 },
          providerOptions: { anthropic: { thinking: { type: "enabled", budget_tokens: 1024 } } },
        }),
      ),
    );
    const reasoning = events.filter((event) => event.type === "reasoning-delta");
    expect(reasoning.map((event) => (event.type === "reasoning-delta" ? event.text : "")).join("")).toBe(
      'The user wrote "hello world". I should echo it back.',
    );
    expect(reasoning.at(-1)).toMatchObject({ text: "", signature: expect.any(String) });
  });

  it("yields the in-stream overloaded error after the start, passed through as `event: error`", async () => {
    const chunks = await streamChunks(chatRequest(), call("mock-stream-error"));
    expect(chunks[0]?.events[0]?.type).toBe("stream-start");
    expect(chunks.at(-1)?.passthrough?.event).toBe("error");
    expect(chunks.at(-1)?.events[0]).toMatchObject({
      type: "error",
      error: { code: "upstream_error", status: 529, retryable: true, upstream: { code: "overloaded_error" } },
    });
  });

  it.each([
    ["mock-truncated-stream", "upstream_stream_error"],
    ["mock-garbage", "upstream_bad_response"],
  ])("ends %s with an %s error event", async (model, code) => {
    const chunks = await streamChunks(chatRequest(), call(model));
    expect(chunks.at(-1)?.events).toEqual([{ type: "error", error: expect.objectContaining({ code }) }]);
  });

  it("throws HTTP errors before the stream starts, so the router can fall back", async () => {
    const error = await failureOf(adapter.chatStream(chatRequest(), call("mock-error-529")));
    expect(error).toMatchObject({ status: 529, retryable: true });
  });

  it("aborts the upstream request when the client goes away", async () => {
    const abort = new AbortScope();
    const opened = await adapter.chatStream(chatRequest(), call("mock-slow-stream", abort));
    const iterator = opened.chunks[Symbol.asyncIterator]();
    await iterator.next();
    abort.abort(new DOMException("The client went away.", "AbortError"));
    await mock.waitForAbort();
    const rest: StreamChunk[] = [];
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) rest.push(next.value);
    expect(rest.at(-1)?.events[0]).toMatchObject({ type: "error" });
  });
});
