import { describe, expect, it } from "vitest";
import {
  DEFAULT_MOCK_COHERE_API_KEY,
  type MockUpstream,
  startMockCohereUpstream,
} from "../../../test/support/mock-cohere-upstream.js";
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
import { ProviderConfigError } from "../provider-config-error.js";
import { createCohereProvider } from "./create-cohere-provider.js";

const providerConfig = (fields: Record<string, unknown>) => providerConfigOf("cohere", fields);

const suite = adapterAgainstMock({
  startMock: startMockCohereUpstream,
  createAdapter: (mock) =>
    createCohereProvider(
      "cohere",
      providerConfig({ apiKey: DEFAULT_MOCK_COHERE_API_KEY, baseUrl: mock.url, models: ["command-a-03-2025"] }),
      {},
    ),
  upstreamModel: "command-a-03-2025",
  routedModel: "cohere/command-a-03-2025",
});
const { call, request, streamEvents, sentBody } = suite;

const weatherTool = {
  type: "function" as const,
  name: "get_weather",
  parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
};

describe("Cohere adapter against the mock upstream", () => {
  it("sends the exact chat request and decodes the answer", async () => {
    const result = await suite.adapter.chat(request({ sampling: { temperature: 0.3, maxOutputTokens: 100 } }), call());
    const sent = suite.mock.lastRequest();
    expect(sent?.method).toBe("POST");
    expect(sent?.path).toBe("/v2/chat");
    expect(sent?.headers["authorization"]).toBe(`Bearer ${DEFAULT_MOCK_COHERE_API_KEY}`);
    expect(sent?.headers["content-type"]).toBe("application/json");
    expect(sent?.body).toEqual({
      model: "command-a-03-2025",
      messages: [{ role: "user", content: "Hi" }],
      temperature: 0.3,
      max_tokens: 100,
      stream: false,
    });
    expect(result.response.choices).toEqual([
      { index: 0, content: [{ type: "text", text: "Echo: Hi ✓" }], finishReason: { unified: "stop", raw: "COMPLETE" } },
    ]);
    expect(result.response.model).toBe("command-a-03-2025");
    // tokens (with Cohere's preamble), not billed units.
    expect(result.response.usage).toMatchObject({
      inputTokens: 181,
      outputTokens: 5,
      totalTokens: 186,
      cachedInputTokens: 0,
    });
    expect(result.upstreamRequestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("runs a tool-call turn and the follow-up with the result", async () => {
    const first = await suite.adapter.chat(request({ tools: [weatherTool] }), call());
    const [choice] = first.response.choices;
    expect(choice?.finishReason).toEqual({ unified: "tool_calls", raw: "TOOL_CALL" });
    const toolCall = choice?.content.find((part) => part.type === "tool-call");
    expect(choice?.content[0]).toEqual({ type: "text", text: "I will call get_weather." });
    expect(toolCall).toMatchObject({ name: "get_weather", arguments: '{"city":"Paris"}' });
    expect(toolCall?.type === "tool-call" && toolCall.id).toMatch(/^get_weather_[a-z0-9]{12}$/);
    if (toolCall?.type !== "tool-call") return;

    const followUp = await suite.adapter.chat(
      request({
        tools: [weatherTool],
        messages: [
          userSays("Weather in Paris?"),
          { role: "assistant", content: choice?.content ?? [] },
          { role: "tool", content: [{ type: "tool-result", toolCallId: toolCall.id, content: '{"temp_c":21}' }] },
        ],
      }),
      call(),
    );
    expect(sentBody().messages).toEqual([
      { role: "user", content: "Weather in Paris?" },
      {
        role: "assistant",
        tool_plan: "I will call get_weather.",
        tool_calls: [
          { id: toolCall.id, type: "function", function: { name: "get_weather", arguments: '{"city":"Paris"}' } },
        ],
      },
      { role: "tool", tool_call_id: toolCall.id, content: '{"temp_c":21}' },
    ]);
    expect(followUp.response.choices[0]?.content).toEqual([
      { type: "text", text: 'Echo: tool result {"temp_c":21} ✓' },
    ]);
  });

  it("asks for JSON with a schema and a cut answer finishes with length", async () => {
    const json = await suite.adapter.chat(
      request({ responseFormat: { type: "json_schema", name: "echo", schema: { type: "object" } } }),
      call(),
    );
    expect(sentBody().response_format).toEqual({
      type: "json_object",
      json_schema: { type: "object" },
    });
    expect(json.response.choices[0]?.content).toEqual([{ type: "text", text: '{"echo":"Hi"}' }]);
    const cut = await suite.adapter.chat(request({ sampling: { maxOutputTokens: 2 } }), call());
    expect(cut.response.choices[0]).toMatchObject({
      content: [{ type: "text", text: "Echo:" }],
      finishReason: { unified: "length", raw: "MAX_TOKENS" },
    });
  });

  it("streams text with a character split across reads", async () => {
    const events = await streamEvents(request({ messages: [userSays("héllo wörld")] }));
    expect(sentBody().stream).toBe(true);
    expect(events[0]).toMatchObject({ type: "stream-start", model: "command-a-03-2025" });
    expect(events[1]).toEqual({ type: "role-start", choiceIndex: 0 });
    expect(textOf(events)).toBe("Echo: héllo wörld ✓");
    expect(events.at(-2)).toEqual({
      type: "finish",
      choiceIndex: 0,
      finishReason: { unified: "stop", raw: "COMPLETE" },
    });
    expect(events.at(-1)).toMatchObject({ type: "usage", usage: { inputTokens: 182, outputTokens: 6 } });
  });

  it("streams two tool calls with their own indexes", async () => {
    const timeTool = { type: "function" as const, name: "get_time" };
    const events = await streamEvents(request({ tools: [weatherTool, timeTool] }));
    const starts = events.filter((event) => event.type === "tool-input-start");
    expect(starts.map((event) => [event.toolIndex, event.name])).toEqual([
      [0, "get_weather"],
      [1, "get_time"],
    ]);
    for (const toolIndex of [0, 1]) {
      const args = events
        .map((event) =>
          event.type === "tool-input-delta" && event.toolIndex === toolIndex ? event.argumentsDelta : "",
        )
        .join("");
      expect(JSON.parse(args)).toEqual({ city: "Paris" });
    }
    expect(textOf(events)).toBe("I will call get_weather and get_time.");
    expect(events.find((event) => event.type === "finish")).toMatchObject({ finishReason: { unified: "tool_calls" } });
  });

  it("embeds texts as search documents in floats", async () => {
    const result = await suite.adapter.embed?.(
      { model: "cohere/embed-v4.0", input: ["sunny day", "rainy day"], encodingFormat: "float", providerOptions: {} },
      call("embed-v4.0"),
    );
    expect(suite.mock.lastRequest()?.path).toBe("/v2/embed");
    expect(suite.mock.lastRequest()?.body).toEqual({
      input_type: "search_document",
      model: "embed-v4.0",
      texts: ["sunny day", "rainy day"],
      embedding_types: ["float"],
    });
    expect(result?.response.embeddings).toEqual([mockEmbedding("sunny day"), mockEmbedding("rainy day")]);
    expect(result?.response.usage).toMatchObject({ inputTokens: 4, totalTokens: 4 });
  });

  const httpErrors: Array<{ model: string; status: number; retryable: boolean; message: RegExp }> = [
    { model: "mock-error-400", status: 400, retryable: false, message: /^invalid request: temperature/ },
    { model: "mock-error-404", status: 404, retryable: false, message: /model 'mock-error-404' not found/ },
    { model: "mock-error-429", status: 429, retryable: true, message: /Trial key/ },
    { model: "mock-error-500", status: 500, retryable: true, message: /internal server error/ },
    { model: "mock-error-503", status: 503, retryable: true, message: /service unavailable/ },
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
          upstream: { provider: "cohere", status },
        });
        expect((error as GatewayError).message).toMatch(message);
        expect((error as GatewayError).upstream?.requestId).toMatch(/^[0-9a-f-]{36}$/);
      }
    },
  );

  it("adds the configured query to both endpoints", async () => {
    const queried = createCohereProvider(
      "cohere",
      providerConfig({
        apiKey: DEFAULT_MOCK_COHERE_API_KEY,
        baseUrl: `${suite.mock.url}/v2`,
        query: { tenant: "a b" },
      }),
      {},
    );
    await queried.chat(request(), call());
    expect(suite.mock.lastRequest()).toMatchObject({ path: "/v2/chat", query: { tenant: "a b" } });
    await queried.embed?.(
      { model: "cohere/embed-v4.0", input: ["x"], encodingFormat: "float", providerOptions: {} },
      call("embed-v4.0"),
    );
    await queried.close();
    expect(suite.mock.lastRequest()).toMatchObject({ path: "/v2/embed", query: { tenant: "a b" } });
  });

  it("a wrong key is Cohere's 401", async () => {
    const wrong = createCohereProvider(
      "cohere",
      providerConfig({ apiKey: "wrong", baseUrl: `${suite.mock.url}/v2` }),
      {},
    );
    const error = await wrong.chat(request(), call()).catch((caught: unknown) => caught);
    await wrong.close();
    expect(suite.mock.lastRequest()?.path).toBe("/v2/chat");
    expect(error).toMatchObject({ code: "upstream_error", status: 401, message: "invalid api token" });
  });

  const streamFailures: Array<{ model: string; code: string; status: number }> = [
    { model: "mock-stream-error", code: "upstream_error", status: 502 },
    { model: "mock-truncated-stream", code: "upstream_stream_error", status: 502 },
    { model: "mock-garbage", code: "upstream_bad_response", status: 502 },
  ];

  it.each(streamFailures)("$model: the stream ends with one $code event", async ({ model, code, status }) => {
    const events = await streamEvents(request(), model);
    expect(events.filter((event) => event.type === "error")).toHaveLength(1);
    expect(events.at(-1)).toMatchObject({ type: "error", error: { code, status } });
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
    const result = await suite.adapter.chatStream(request(), call("command-a-03-2025", abort));
    const iterator = result.chunks[Symbol.asyncIterator]();
    await iterator.next();
    abort.abort(new DOMException("The client went away.", "AbortError"));
    await iterator.return?.();
    await suite.mock.waitForAbort();
  });

  it("refuses a config without apiKey", () => {
    expect(() => createCohereProvider("cohere", providerConfig({ baseUrl: suite.mock.url }), {})).toThrow(
      ProviderConfigError,
    );
  });
});
