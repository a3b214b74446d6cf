import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  DEFAULT_MOCK_GEMINI_API_KEY,
  type MockGeminiUpstream,
  mockEmbedding,
  startMockGeminiUpstream,
} from "../../../test/support/mock-gemini-upstream.js";
import type { ChatMessage } from "../../contract/chat-message.js";
import type { ChatRequest } from "../../contract/chat-request.js";
import type { ChatResponse } from "../../contract/chat-response.js";
import { GatewayError } from "../../contract/errors.js";
import type { CallAbort, ProviderAdapter, UpstreamCall } from "../../contract/provider-adapter.js";
import type { StreamEvent } from "../../contract/stream-event.js";
import { AbortScope } from "../../outbound/abort-scope.js";
import { geminiConfigSchema } from "./config.js";
import { createGeminiProvider } from "./create-gemini-provider.js";

let mock: MockGeminiUpstream;
let adapter: ProviderAdapter;

function providerConfig(fields: Record<string, unknown>) {
  return geminiConfigSchema.parse({ type: "gemini", ...fields });
}

beforeAll(async () => {
  mock = await startMockGeminiUpstream();
  adapter = createGeminiProvider(
    "gemini",
    providerConfig({ apiKey: DEFAULT_MOCK_GEMINI_API_KEY, baseUrl: mock.url }),
    {},
  );
});
afterEach(() => mock.reset());
afterAll(async () => {
  await adapter.close();
  await mock.close();
});

function call(upstreamModel: string, abort: CallAbort = new AbortScope()): UpstreamCall {
  return { upstreamModel, abort, requestId: "req-1" };
}

function request(overrides: Partial<ChatRequest> = {}): ChatRequest {
  return {
    model: "gemini/x",
    messages: [{ role: "user", content: [{ type: "text", text: "hello world" }] }],
    sampling: {},
    stream: false,
    providerOptions: {},
    ...overrides,
  };
}

async function streamEvents(chatRequest: ChatRequest, upstreamModel: string): Promise<StreamEvent[]> {
  const result = await adapter.chatStream({ ...chatRequest, stream: true }, call(upstreamModel));
  const events: StreamEvent[] = [];
  for await (const chunk of result.chunks) events.push(...chunk.events);
  return events;
}

/** The body of the last request the mock received. */
function sentBody(): Record<string, unknown> {
  return (mock.lastRequest()?.body ?? {}) as Record<string, unknown>;
}

function thoughtSignatureOf(part: unknown): unknown {
  const options = (part as { providerOptions?: { gemini?: { thoughtSignature?: unknown } } } | undefined)
    ?.providerOptions;
  return options?.gemini?.thoughtSignature;
}

async function failure(promise: Promise<unknown>): Promise<GatewayError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof GatewayError) return error;
    throw error;
  }
  throw new Error("expected a GatewayError");
}

const weatherTools: ChatRequest["tools"] = [
  {
    type: "function",
    name: "get_weather",
    description: "Weather of a city",
    parameters: {
      $schema: "http://json-schema.org/draft-07/schema#",
      type: "object",
      properties: { city: { type: "string" }, unit: { type: ["string", "null"], enum: ["C", "F", null] } },
      required: ["city"],
      additionalProperties: false,
    },
  },
  { type: "function", name: "get_time", parameters: { type: "object", properties: {}, additionalProperties: false } },
];

describe("GeminiAdapter.chat against the mock", () => {
  it("posts generateContent with the key header and the exact body, and decodes the answer", async () => {
    const result = await adapter.chat(
      request({
        messages: [
          { role: "system", content: [{ type: "text", text: "Be brief." }] },
          { role: "user", content: [{ type: "text", text: "hello world" }] },
        ],
        sampling: { temperature: 0.3, maxOutputTokens: 100 },
      }),
      call("gemini-2.5-flash"),
    );
    const sent = mock.lastRequest();
    expect(sent).toMatchObject({ method: "POST", path: "/v1beta/models/gemini-2.5-flash:generateContent", query: {} });
    expect(sent?.headers).toMatchObject({
      "x-goog-api-key": DEFAULT_MOCK_GEMINI_API_KEY,
      "content-type": "application/json",
    });
    expect(sent?.headers).not.toHaveProperty("authorization");
    expect(sent?.body).toEqual({
      contents: [{ role: "user", parts: [{ text: "hello world" }] }],
      systemInstruction: { parts: [{ text: "Be brief." }] },
      generationConfig: { temperature: 0.3, maxOutputTokens: 100 },
    });
    const response = result.response;
    expect(response.model).toBe("gemini-2.5-flash");
    expect(result.upstreamRequestId).toBe(response.id);
    expect(response.choices).toEqual([
      {
        index: 0,
        content: [
          {
            type: "text",
            text: "Echo: hello world ✓",
            providerOptions: { gemini: { thoughtSignature: expect.any(String) } },
          },
        ],
        finishReason: { unified: "stop", raw: "STOP" },
      },
    ]);
    // 2 prompt words + 2 system words; 5 answer pieces, plus 24 thought tokens on a thinking model.
    expect(response.usage).toMatchObject({ inputTokens: 4, outputTokens: 29, totalTokens: 33, reasoningTokens: 24 });
  });

  it("sends cleaned function declarations the real API accepts, and reads two whole calls back", async () => {
    const result = await adapter.chat(
      request({ tools: weatherTools, toolChoice: { type: "auto" } }),
      call("gemini-2.5-flash"),
    );
    expect(mock.lastRequest()?.body).toMatchObject({
      tools: [
        {
          functionDeclarations: [
            {
              name: "get_weather",
              description: "Weather of a city",
              parameters: {
                type: "object",
                properties: { city: { type: "string" }, unit: { type: "string", nullable: true, enum: ["C", "F"] } },
                required: ["city"],
              },
            },
            { name: "get_time" },
          ],
        },
      ],
      toolConfig: { functionCallingConfig: { mode: "AUTO" } },
    });
    const [choice] = result.response.choices;
    expect(choice?.finishReason).toEqual({ unified: "tool_calls", raw: "STOP" });
    expect(choice?.content).toEqual([
      {
        type: "tool-call",
        id: expect.stringMatching(/^call_[A-Za-z0-9]+_0$/),
        name: "get_weather",
        arguments: '{"city":"Paris"}',
        providerOptions: { gemini: { thoughtSignature: expect.any(String) } },
      },
      {
        type: "tool-call",
        id: expect.stringMatching(/^call_[A-Za-z0-9]+_1$/),
        name: "get_time",
        arguments: '{"city":"London"}',
      },
    ]);
  });

  it("sends the thought signature back on the next turn, which Gemini 3 requires", async () => {
    const first = await adapter.chat(request({ tools: weatherTools }), call("gemini-3-pro-preview"));
    const history = followUp(first.response);
    const second = await adapter.chat(
      request({ tools: weatherTools, messages: history }),
      call("gemini-3-pro-preview"),
    );
    const signature = thoughtSignatureOf(first.response.choices[0]?.content[0]);
    expect(signature).toEqual(expect.any(String));
    expect(sentBody().contents).toEqual([
      { role: "user", parts: [{ text: "hello world" }] },
      {
        role: "model",
        parts: [
          { functionCall: { name: "get_weather", args: { city: "Paris" } }, thoughtSignature: signature },
          { functionCall: { name: "get_time", args: { city: "London" } } },
        ],
      },
      {
        role: "user",
        parts: [
          { functionResponse: { name: "get_weather", response: { output: "21C" } } },
          { functionResponse: { name: "get_time", response: { output: "12:00" } } },
        ],
      },
    ]);
    expect(second.response.choices[0]?.content).toEqual([
      expect.objectContaining({ type: "text", text: "Echo: tool result 21C 12:00 ✓" }),
    ]);
  });

  it("gets past Gemini 3's check when a client dropped the signature", async () => {
    const first = await adapter.chat(request({ tools: weatherTools }), call("gemini-3-pro-preview"));
    const stripped = followUp(first.response).map((message) => ({
      ...message,
      content: message.content.map((part) =>
        part.type === "tool-call" ? { type: part.type, id: part.id, name: part.name, arguments: part.arguments } : part,
      ),
    }));
    const second = await adapter.chat(
      request({ tools: weatherTools, messages: stripped }),
      call("gemini-3-pro-preview"),
    );
    expect(second.response.choices[0]?.finishReason.unified).toBe("stop");
  });

  it.each([
    ["mock-safety", { unified: "content_filter", raw: "SAFETY" }],
    ["mock-prompt-blocked", { unified: "content_filter", raw: "SAFETY" }],
  ])("answers %s with an empty content_filter choice", async (model, finishReason) => {
    const result = await adapter.chat(request(), call(model));
    expect(result.response.choices).toEqual([{ index: 0, content: [], finishReason }]);
  });

  it("reports MAX_TOKENS as length", async () => {
    const result = await adapter.chat(request({ sampling: { maxOutputTokens: 2 } }), call("gemini-2.0-flash"));
    expect(result.response.choices[0]).toMatchObject({
      content: [{ type: "text", text: "Echo:" }],
      finishReason: { unified: "length", raw: "MAX_TOKENS" },
    });
    expect(result.response.usage).toEqual(expect.not.objectContaining({ reasoningTokens: expect.anything() }));
  });

  it("asks for JSON with a cleaned responseSchema", async () => {
    const result = await adapter.chat(
      request({
        responseFormat: {
          type: "json_schema",
          name: "echo",
          schema: { type: "object", properties: { echo: { type: "string" } }, additionalProperties: false },
        },
      }),
      call("gemini-2.0-flash"),
    );
    expect(sentBody().generationConfig).toEqual({
      responseMimeType: "application/json",
      responseSchema: { type: "object", properties: { echo: { type: "string" } } },
    });
    expect(result.response.choices[0]?.content).toEqual([{ type: "text", text: '{"echo":"hello world"}' }]);
  });
});

/** The conversation after a tool-call answer, as the pipeline passes it back: the answer, then both results. */
function followUp(response: ChatResponse): ChatMessage[] {
  const calls = response.choices[0]?.content.filter((part) => part.type === "tool-call") ?? [];
  const results = ["21C", "12:00"];
  return [
    { role: "user", content: [{ type: "text", text: "hello world" }] },
    { role: "assistant", content: response.choices[0]?.content ?? [] },
    ...calls.map(
      (part, index): ChatMessage => ({
        role: "tool",
        content: [{ type: "tool-result", toolCallId: part.id, content: results[index] ?? "" }],
      }),
    ),
  ];
}

describe("GeminiAdapter.chatStream against the mock", () => {
  it("posts streamGenerateContent?alt=sse and decodes the CRLF stream split across reads", async () => {
    const messages: ChatMessage[] = [{ role: "user", content: [{ type: "text", text: "héllo wörld" }] }];
    const events = await streamEvents(request({ messages }), "gemini-2.5-flash");
    expect(mock.lastRequest()).toMatchObject({
      path: "/v1beta/models/gemini-2.5-flash:streamGenerateContent",
      query: { alt: "sse" },
      body: { contents: [{ role: "user", parts: [{ text: "héllo wörld" }] }] },
    });
    const text = events.map((event) => (event.type === "text-delta" ? event.text : "")).join("");
    expect(text).toBe("Echo: héllo wörld ✓");
    expect(events[0]).toMatchObject({ type: "stream-start", model: "gemini-2.5-flash" });
    expect(events.filter((event) => event.type === "finish")).toEqual([
      { type: "finish", choiceIndex: 0, finishReason: { unified: "stop", raw: "STOP" } },
    ]);
    expect(events.at(-1)).toEqual({
      type: "usage",
      usage: expect.objectContaining({ inputTokens: 2, outputTokens: 29, totalTokens: 31, reasoningTokens: 24 }),
    });
  });

  it("streams thoughts as reasoning when asked for them", async () => {
    const events = await streamEvents(
      request({ providerOptions: { gemini: { generationConfig: { thinkingConfig: { includeThoughts: true } } } } }),
      "gemini-2.5-flash",
    );
    expect(events).toContainEqual(expect.objectContaining({ type: "reasoning-delta", choiceIndex: 0 }));
  });

  it("streams each function call as one start and one whole delta", async () => {
    const events = await streamEvents(request({ tools: weatherTools }), "gemini-2.5-flash");
    const toolEvents = events.filter((event) => event.type.startsWith("tool-input") || event.type === "finish");
    expect(toolEvents).toEqual([
      {
        type: "tool-input-start",
        choiceIndex: 0,
        toolIndex: 0,
        id: expect.stringMatching(/_0$/),
        name: "get_weather",
        providerOptions: { gemini: { thoughtSignature: expect.any(String) } },
      },
      { type: "tool-input-delta", choiceIndex: 0, toolIndex: 0, argumentsDelta: '{"city":"Paris"}' },
      { type: "tool-input-start", choiceIndex: 0, toolIndex: 1, id: expect.stringMatching(/_1$/), name: "get_time" },
      { type: "tool-input-delta", choiceIndex: 0, toolIndex: 1, argumentsDelta: '{"city":"London"}' },
      { type: "finish", choiceIndex: 0, finishReason: { unified: "tool_calls", raw: "STOP" } },
    ]);
  });

  it.each([
    ["mock-safety", { unified: "content_filter", raw: "SAFETY" }],
    ["mock-prompt-blocked", { unified: "content_filter", raw: "SAFETY" }],
  ])("ends %s with a content_filter finish and no error", async (model, finishReason) => {
    const events = await streamEvents(request(), model);
    expect(events).toContainEqual({ type: "finish", choiceIndex: 0, finishReason });
    expect(events.some((event) => event.type === "error")).toBe(false);
  });

  it.each([
    ["mock-truncated-stream", { code: "upstream_stream_error" }],
    ["mock-stream-error", { code: "upstream_error", status: 500, upstream: { code: "INTERNAL" } }],
    ["mock-garbage", { code: "upstream_bad_response" }],
  ])("ends %s with an error event", async (model, error) => {
    const events = await streamEvents(request(), model);
    expect(events.at(-1)).toMatchObject({ type: "error", error });
  });

  it("stops the upstream request when the caller aborts", async () => {
    const abort = new AbortScope();
    const pending = adapter.chatStream(request({ stream: true }), call("mock-hang", abort));
    await mock.waitForRequests(1);
    abort.abort(new DOMException("The client went away.", "AbortError"));
    expect(await failure(pending)).toMatchObject({ code: "upstream_unreachable", retryable: false });
    await mock.waitForAbort(0);
  });
});

describe("GeminiAdapter errors against the mock", () => {
  it.each([
    ["mock-error-400", 400, "INVALID_ARGUMENT", "invalid_request_error", false],
    ["mock-error-403", 403, "PERMISSION_DENIED", "permission_error", false],
    ["mock-error-404", 404, "NOT_FOUND", "invalid_request_error", false],
    ["mock-error-429", 429, "RESOURCE_EXHAUSTED", "rate_limit_error", true],
    ["mock-error-500", 500, "INTERNAL", "server_error", true],
    ["mock-error-503", 503, "UNAVAILABLE", "server_error", true],
  ])("%s → upstream_error %d %s", async (model, status, code, type, retryable) => {
    // One at a time: a second call made up front could fail before anything awaits it.
    for (const attempt of [
      () => adapter.chat(request(), call(model)),
      () => adapter.chatStream(request(), call(model)),
    ]) {
      const error = await failure(attempt());
      expect(error).toMatchObject({
        code: "upstream_error",
        status,
        type,
        retryable,
        upstream: { provider: "gemini", status, code },
      });
    }
  });

  it("passes RetryInfo's delay on as retry-after", async () => {
    const error = await failure(adapter.chat(request(), call("mock-error-429")));
    expect(error.upstream?.retryAfterSeconds).toBe(37);
    expect(error.headers).toEqual({ "retry-after": "37" });
  });

  it("reports a bad key as Gemini does: 400 API_KEY_INVALID", async () => {
    const config = providerConfig({ apiKey: "AIza-wrong", baseUrl: mock.url });
    const wrongKey = createGeminiProvider("gemini", config, {});
    try {
      const error = await failure(wrongKey.chat(request(), call("gemini-2.5-flash")));
      expect(error).toMatchObject({
        status: 400,
        type: "authentication_error",
        message: "API key not valid. Please pass a valid API key.",
        upstream: { code: "INVALID_ARGUMENT" },
      });
    } finally {
      await wrongKey.close();
    }
  });

  it.each(["mock-garbage", "mock-truncated-stream"])(
    "reports a broken body (%s) as upstream_bad_response",
    async (model) => {
      expect(await failure(adapter.chat(request(), call(model)))).toMatchObject({
        code: "upstream_bad_response",
        status: 502,
      });
    },
  );
});

describe("GeminiAdapter.embed against the mock", () => {
  it("posts batchEmbedContents and returns the vectors in order, without usage", async () => {
    const result = await adapter.embed?.(
      {
        model: "gemini/gemini-embedding-001",
        input: ["alpha", "beta"],
        dimensions: 4,
        encodingFormat: "float",
        providerOptions: {},
      },
      call("gemini-embedding-001"),
    );
    expect(mock.lastRequest()).toMatchObject({
      path: "/v1beta/models/gemini-embedding-001:batchEmbedContents",
      body: {
        requests: [
          { model: "models/gemini-embedding-001", content: { parts: [{ text: "alpha" }] }, outputDimensionality: 4 },
          { model: "models/gemini-embedding-001", content: { parts: [{ text: "beta" }] }, outputDimensionality: 4 },
        ],
      },
    });
    expect(result?.response).toEqual({
      model: "gemini-embedding-001",
      embeddings: [mockEmbedding("alpha", 4), mockEmbedding("beta", 4)],
    });
  });
});

describe("createGeminiProvider", () => {
  it("requires an apiKey", () => {
    expect(() => createGeminiProvider("g", providerConfig({}), {})).toThrow("providers.g.apiKey");
  });

  it("keeps a version already in baseUrl and adds configured query parameters", async () => {
    const config = providerConfig({
      apiKey: DEFAULT_MOCK_GEMINI_API_KEY,
      baseUrl: `${mock.url}/v1beta/`,
      query: { trace: "1" },
      headers: { "x-extra": "yes" },
    });
    const versioned = createGeminiProvider("gemini", config, {});
    try {
      await versioned.chatStream(request(), call("models/gemini-2.0-flash")).then(async (result) => {
        for await (const _chunk of result.chunks) {
          // Drain.
        }
      });
      expect(mock.lastRequest()).toMatchObject({
        path: "/v1beta/models/gemini-2.0-flash:streamGenerateContent",
        query: { alt: "sse", trace: "1" },
        headers: { "x-extra": "yes" },
      });
    } finally {
      await versioned.close();
    }
  });
});
