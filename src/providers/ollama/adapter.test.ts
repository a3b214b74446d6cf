import { describe, expect, it } from "vitest";
import { type MockUpstream, startMockOllamaUpstream } from "../../../test/support/mock-ollama-upstream.js";
import { mockEmbedding } from "../../../test/support/mock-openai-upstream.js";
import {
  adapterAgainstMock,
  providerConfigOf,
  textOf,
  userSays,
} from "../../../test/support/mock-shared/adapter-test-kit.js";
import type { ChatRequest } from "../../contract/chat-request.js";
import { GatewayError } from "../../contract/errors.js";
import type { CallAbort, ProviderAdapter } from "../../contract/provider-adapter.js";
import { AbortScope } from "../../outbound/abort-scope.js";
import { createOllamaProvider } from "./create-ollama-provider.js";

const providerConfig = (fields: Record<string, unknown>) => providerConfigOf("ollama", fields);

const suite = adapterAgainstMock({
  startMock: startMockOllamaUpstream,
  createAdapter: (mock) =>
    createOllamaProvider("ollama", providerConfig({ baseUrl: mock.url, models: ["llama3.2"] }), {}),
  upstreamModel: "llama3.2",
  routedModel: "ollama/llama3.2",
});
const { call, request, streamEvents, sentBody } = suite;

const weatherTool = {
  type: "function" as const,
  name: "get_weather",
  parameters: { type: "object", properties: { city: { type: "string" } } },
};

describe("Ollama adapter against the mock upstream", () => {
  it("sends the exact chat request, stream false written out, no auth header", async () => {
    const result = await suite.adapter.chat(request({ sampling: { temperature: 0.2, maxOutputTokens: 50 } }), call());
    const sent = suite.mock.lastRequest();
    expect(sent?.path).toBe("/api/chat");
    expect(sent?.headers["authorization"]).toBeUndefined();
    expect(sent?.headers["content-type"]).toBe("application/json");
    expect(sent?.body).toEqual({
      model: "llama3.2",
      messages: [{ role: "user", content: "Hi" }],
      options: { temperature: 0.2, num_predict: 50 },
      stream: false,
    });
    expect(result.response.choices).toEqual([
      { index: 0, content: [{ type: "text", text: "Echo: Hi ✓" }], finishReason: { unified: "stop", raw: "stop" } },
    ]);
    expect(result.response.model).toBe("llama3.2");
    expect(result.response.usage).toMatchObject({ inputTokens: 11, outputTokens: 4, totalTokens: 15 });
  });

  it("sends a bearer key only when one is configured", async () => {
    const keyed = createOllamaProvider(
      "cloud",
      providerConfig({ baseUrl: `${suite.mock.url}/api`, apiKey: "ol-key" }),
      {},
    );
    await keyed.chat(request(), call());
    await keyed.close();
    expect(suite.mock.lastRequest()?.path).toBe("/api/chat");
    expect(suite.mock.lastRequest()?.headers["authorization"]).toBe("Bearer ol-key");
  });

  it("adds the configured query to both endpoints", async () => {
    const queried = createOllamaProvider(
      "ollama",
      providerConfig({ baseUrl: suite.mock.url, query: { tenant: "a b" } }),
      {},
    );
    await queried.chat(request(), call());
    expect(suite.mock.lastRequest()).toMatchObject({ path: "/api/chat", query: { tenant: "a b" } });
    await queried.embed?.(
      { model: "ollama/llama3.2", input: ["x"], encodingFormat: "float", providerOptions: {} },
      call(),
    );
    await queried.close();
    expect(suite.mock.lastRequest()).toMatchObject({ path: "/api/embed", query: { tenant: "a b" } });
  });

  it("sends images as bare base64, which the upstream accepts", async () => {
    const result = await suite.adapter.chat(
      request({
        messages: [
          {
            role: "user",
            content: [
              { type: "text", text: "What is this?" },
              { type: "image", url: "data:image/png;base64,iVBORw0KGgo=" },
            ],
          },
        ],
      }),
      call(),
    );
    expect(sentBody().messages).toEqual([{ role: "user", content: "What is this?", images: ["iVBORw0KGgo="] }]);
    expect(result.response.choices[0]?.content).toEqual([{ type: "text", text: "Echo: What is this? [1 image] ✓" }]);
  });

  it("refuses an http image URL before calling the upstream", async () => {
    const error = await suite.adapter
      .chat(
        request({ messages: [{ role: "user", content: [{ type: "image", url: "https://example.com/a.png" }] }] }),
        call(),
      )
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: "unsupported_feature", status: 400 });
    expect(suite.mock.requests).toHaveLength(0);
  });

  it("runs a tool-call turn and the follow-up with the result by tool name", async () => {
    const first = await suite.adapter.chat(request({ tools: [weatherTool] }), call());
    const [choice] = first.response.choices;
    expect(choice).toEqual({
      index: 0,
      content: [{ type: "tool-call", id: "call_0", name: "get_weather", arguments: '{"city":"Paris"}' }],
      finishReason: { unified: "tool_calls", raw: "stop" },
    });
    const followUp = await suite.adapter.chat(
      request({
        tools: [weatherTool],
        messages: [
          userSays("Weather?"),
          { role: "assistant", content: choice?.content ?? [] },
          { role: "tool", content: [{ type: "tool-result", toolCallId: "call_0", content: "21C" }] },
        ],
      }),
      call(),
    );
    expect(sentBody().messages).toEqual([
      { role: "user", content: "Weather?" },
      {
        role: "assistant",
        content: "",
        tool_calls: [{ function: { name: "get_weather", arguments: { city: "Paris" } } }],
      },
      { role: "tool", content: "21C", tool_name: "get_weather" },
    ]);
    expect(followUp.response.choices[0]?.content).toEqual([{ type: "text", text: "Echo: tool result 21C ✓" }]);
  });

  it("format json, and a cut answer finishes with length", async () => {
    const json = await suite.adapter.chat(request({ responseFormat: { type: "json_object" } }), call());
    expect(sentBody().format).toBe("json");
    expect(json.response.choices[0]?.content).toEqual([{ type: "text", text: '{"echo":"Hi"}' }]);
    const cut = await suite.adapter.chat(request({ sampling: { maxOutputTokens: 2 } }), call());
    expect(cut.response.choices[0]).toMatchObject({
      content: [{ type: "text", text: "Echo:" }],
      finishReason: { unified: "length", raw: "length" },
    });
  });

  it("streams NDJSON with stream true written out and a character split across reads", async () => {
    const events = await streamEvents(request({ messages: [userSays("héllo")] }));
    expect(sentBody().stream).toBe(true);
    expect(events[0]).toMatchObject({ type: "stream-start", model: "llama3.2" });
    expect(textOf(events)).toBe("Echo: héllo ✓");
    expect(events.at(-2)).toEqual({ type: "finish", choiceIndex: 0, finishReason: { unified: "stop", raw: "stop" } });
    expect(events.at(-1)).toMatchObject({ type: "usage", usage: { inputTokens: 11, outputTokens: 4 } });
  });

  it("streams thinking and two whole tool calls", async () => {
    const timeTool = { type: "function" as const, name: "get_time" };
    const events = await streamEvents(
      request({ tools: [weatherTool, timeTool], providerOptions: { ollama: { think: true } } }),
    );
    expect(suite.mock.lastRequest()?.body).toMatchObject({ think: true, stream: true });
    expect(
      events
        .filter((event) => event.type === "reasoning-delta")
        .map((event) => event.text)
        .join(""),
    ).toBe("The user wants an echo.");
    expect(events.filter((event) => event.type.startsWith("tool-input"))).toEqual([
      { type: "tool-input-start", choiceIndex: 0, toolIndex: 0, id: "call_0", name: "get_weather" },
      { type: "tool-input-delta", choiceIndex: 0, toolIndex: 0, argumentsDelta: '{"city":"Paris"}' },
      { type: "tool-input-start", choiceIndex: 0, toolIndex: 1, id: "call_1", name: "get_time" },
      { type: "tool-input-delta", choiceIndex: 0, toolIndex: 1, argumentsDelta: '{"city":"Paris"}' },
    ]);
    expect(events.find((event) => event.type === "finish")).toMatchObject({ finishReason: { unified: "tool_calls" } });
  });

  it("embeds through /api/embed", async () => {
    const result = await suite.adapter.embed?.(
      { model: "ollama/all-minilm", input: ["sunny day", "rain"], encodingFormat: "base64", providerOptions: {} },
      call("all-minilm"),
    );
    expect(suite.mock.lastRequest()?.path).toBe("/api/embed");
    expect(suite.mock.lastRequest()?.body).toEqual({ model: "all-minilm", input: ["sunny day", "rain"] });
    expect(result?.response).toMatchObject({
      model: "all-minilm",
      embeddings: [mockEmbedding("sunny day"), mockEmbedding("rain")],
      usage: { inputTokens: 3, totalTokens: 3 },
    });
  });

  const httpErrors: Array<{ model: string; status: number; retryable: boolean; message: RegExp }> = [
    { model: "mock-error-400", status: 400, retryable: false, message: /^invalid options/ },
    { model: "mock-error-404", status: 404, retryable: false, message: /not found, try pulling it first/ },
    { model: "mock-error-429", status: 429, retryable: true, message: /too many requests/ },
    { model: "mock-error-500", status: 500, retryable: true, message: /llama runner process has terminated/ },
    { model: "mock-error-503", status: 503, retryable: true, message: /server busy/ },
  ];

  it.each(httpErrors)(
    "$model → upstream_error $status (plain and stream)",
    async ({ model, status, retryable, message }) => {
      for (const attempt of [
        () => suite.adapter.chat(request(), call(model)),
        () => suite.adapter.chatStream(request(), call(model)),
      ]) {
        const error = await attempt().catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(GatewayError);
        expect(error).toMatchObject({
          code: "upstream_error",
          status,
          retryable,
          upstream: { provider: "ollama", status },
        });
        expect((error as GatewayError).message).toMatch(message);
      }
    },
  );

  const streamFailures: Array<{ model: string; code: string }> = [
    { model: "mock-stream-error", code: "upstream_error" },
    { model: "mock-truncated-stream", code: "upstream_stream_error" },
    { model: "mock-garbage", code: "upstream_bad_response" },
  ];

  it.each(streamFailures)("$model: the stream ends with one $code event", async ({ model, code }) => {
    const events = await streamEvents(request(), model);
    expect(events.filter((event) => event.type === "error")).toHaveLength(1);
    expect(events.at(-1)).toMatchObject({ type: "error", error: { code, status: 502 } });
    expect(events.some((event) => event.type === "finish")).toBe(false);
  });

  const plainFailures: Array<{ model: string; code: string; status: number }> = [
    { model: "mock-stream-error", code: "upstream_error", status: 500 },
    { model: "mock-truncated-stream", code: "upstream_bad_response", status: 502 },
    { model: "mock-garbage", code: "upstream_bad_response", status: 502 },
  ];

  it.each(plainFailures)("$model without streaming → $code", async ({ model, code, status }) => {
    const error = await suite.adapter.chat(request(), call(model)).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code, status });
  });

  it("a client abort reaches the upstream", async () => {
    const abort = new AbortScope();
    const result = await suite.adapter.chatStream(request(), call("llama3.2", abort));
    const iterator = result.chunks[Symbol.asyncIterator]();
    await iterator.next();
    abort.abort(new DOMException("The client went away.", "AbortError"));
    await iterator.return?.();
    await suite.mock.waitForAbort();
  });
});
