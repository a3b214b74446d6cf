import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  bedrockAgainst,
  call,
  chatRequest,
  HAIKU,
  userSays,
  weatherTool,
} from "../../../test/support/mock-bedrock/bedrock-test-kit.js";
import {
  DEFAULT_MOCK_BEDROCK_CREDENTIALS,
  type MockBedrockUpstream,
  startMockBedrockUpstream,
} from "../../../test/support/mock-bedrock-upstream.js";
import { GatewayError } from "../../contract/errors.js";
import type { ProviderAdapter } from "../../contract/provider-adapter.js";

let mock: MockBedrockUpstream;
let adapter: ProviderAdapter;

beforeAll(async () => {
  mock = await startMockBedrockUpstream(DEFAULT_MOCK_BEDROCK_CREDENTIALS);
  adapter = bedrockAgainst(mock.url);
});
afterEach(() => mock.reset());
afterAll(async () => {
  await adapter.close();
  await mock.close();
});

async function failure(promise: Promise<unknown>): Promise<GatewayError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof GatewayError)) throw new Error(`expected a GatewayError, got ${String(error)}`);
  return error;
}

describe("Bedrock adapter: Converse", () => {
  it("sends a signed Converse request with the model id encoded in the path", async () => {
    const result = await adapter.chat(
      chatRequest({
        messages: [{ role: "system", content: [{ type: "text", text: "Be terse." }] }, userSays("Hi")],
        sampling: { maxOutputTokens: 64, temperature: 0.5, topP: 0.9, stop: ["END"] },
      }),
      call(),
    );
    const sent = mock.lastRequest();
    expect(sent?.path).toBe("/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse");
    expect(sent?.rawBody).toBe(
      JSON.stringify({
        messages: [{ role: "user", content: [{ text: "Hi" }] }],
        system: [{ text: "Be terse." }],
        inferenceConfig: { maxTokens: 64, temperature: 0.5, topP: 0.9, stopSequences: ["END"] },
      }),
    );
    expect(sent?.headers["content-type"]).toBe("application/json");
    expect(sent?.headers["authorization"]).toMatch(
      new RegExp(
        `^AWS4-HMAC-SHA256 Credential=${DEFAULT_MOCK_BEDROCK_CREDENTIALS.accessKeyId}/\\d{8}/us-east-1/bedrock/aws4_request, ` +
          "SignedHeaders=content-type;host;x-amz-date, Signature=[0-9a-f]{64}$",
      ),
    );
    const requestId = result.upstreamRequestId;
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(result.response).toMatchObject({
      id: `bedrock-${requestId}`,
      model: HAIKU,
      choices: [
        {
          index: 0,
          content: [{ type: "text", text: "Echo: Hi ✓" }],
          finishReason: { unified: "stop", raw: "end_turn" },
        },
      ],
      usage: { inputTokens: 3, outputTokens: 4, totalTokens: 7, cachedInputTokens: 0, cacheWriteInputTokens: 0 },
      providerMetadata: { metrics: { latencyMs: expect.any(Number) } },
    });
  });

  it("runs a tool turn: toolUse out, toolResult back in a user turn with toolConfig", async () => {
    const first = await adapter.chat(
      chatRequest({
        messages: [userSays("Weather in Paris?")],
        tools: [weatherTool],
        toolChoice: { type: "required" },
      }),
      call(),
    );
    expect(mock.lastRequest()?.body).toMatchObject({
      toolConfig: {
        tools: [
          {
            toolSpec: {
              name: "get_weather",
              description: weatherTool.description,
              inputSchema: { json: weatherTool.parameters },
            },
          },
        ],
        toolChoice: { any: {} },
      },
    });
    const [choice] = first.response.choices;
    expect(choice?.finishReason).toEqual({ unified: "tool_calls", raw: "tool_use" });
    const toolCall = choice?.content.find((part) => part.type === "tool-call");
    expect(toolCall).toMatchObject({
      type: "tool-call",
      id: expect.stringMatching(/^tooluse_/),
      name: "get_weather",
      arguments: '{"city":"Paris"}',
    });
    if (toolCall?.type !== "tool-call") throw new Error("no tool call");

    // The follow-up names no tools: toolConfig is still required because the history has tool blocks.
    const second = await adapter.chat(
      chatRequest({
        messages: [
          userSays("Weather in Paris?"),
          { role: "assistant", content: [toolCall] },
          { role: "tool", content: [{ type: "tool-result", toolCallId: toolCall.id, content: "21°C and sunny" }] },
        ],
      }),
      call(),
    );
    expect(mock.lastRequest()?.body).toEqual({
      messages: [
        { role: "user", content: [{ text: "Weather in Paris?" }] },
        {
          role: "assistant",
          content: [{ toolUse: { toolUseId: toolCall.id, name: "get_weather", input: { city: "Paris" } } }],
        },
        { role: "user", content: [{ toolResult: { toolUseId: toolCall.id, content: [{ text: "21°C and sunny" }] } }] },
      ],
      toolConfig: {
        tools: [{ toolSpec: { name: "get_weather", inputSchema: { json: { type: "object", properties: {} } } } }],
      },
    });
    expect(second.response.choices[0]?.content).toEqual([{ type: "text", text: "Echo: tool result 21°C and sunny ✓" }]);
  });

  it("maps thinking, json_schema, cache points, and a max_tokens stop", async () => {
    const result = await adapter.chat(
      chatRequest({
        messages: [
          {
            role: "system",
            content: [
              {
                type: "text",
                text: "Long shared context",
                providerOptions: { anthropic: { cache_control: { type: "ephemeral" } } },
              },
            ],
          },
          userSays("Hi there"),
        ],
        responseFormat: { type: "json_schema", name: "echo", schema: { type: "object" } },
        sampling: { maxOutputTokens: 4 },
        providerOptions: { bedrock: { thinking: { type: "enabled", budget_tokens: 1024 } } },
      }),
      call(),
    );
    expect(mock.lastRequest()?.body).toMatchObject({
      system: [{ text: "Long shared context" }, { cachePoint: { type: "default" } }],
      outputConfig: {
        textFormat: { type: "json_schema", structure: { jsonSchema: { schema: '{"type":"object"}', name: "echo" } } },
      },
      additionalModelRequestFields: { thinking: { type: "enabled", budget_tokens: 1024 } },
    });
    const [choice] = result.response.choices;
    expect(choice?.content[0]).toEqual({
      type: "reasoning",
      text: "Thinking about: Hi there",
      signature: expect.any(String),
    });
    expect(choice?.content[1]).toEqual({ type: "text", text: '{"echo":"Hi' });
    expect(choice?.finishReason).toEqual({ unified: "length", raw: "max_tokens" });
    expect(result.response.usage).toMatchObject({ inputTokens: 5, cachedInputTokens: 3 });
  });

  it("refuses an http image URL before calling Bedrock", async () => {
    const error = await failure(
      adapter.chat(
        chatRequest({ messages: [{ role: "user", content: [{ type: "image", url: "https://example.com/cat.png" }] }] }),
        call(),
      ),
    );
    expect(error).toMatchObject({ code: "unsupported_feature", status: 400, param: "messages" });
    expect(error.message).toContain("data: URL");
    expect(mock.requests).toHaveLength(0);
  });

  it("sends a data: URL image as base64 bytes with a bare format", async () => {
    const pixel = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";
    await adapter.chat(
      chatRequest({
        messages: [
          {
            role: "user",
            content: [
              { type: "text", text: "What is this?" },
              { type: "image", url: `data:image/png;base64,${pixel}` },
            ],
          },
        ],
      }),
      call(),
    );
    expect(mock.lastRequest()?.body).toEqual({
      messages: [
        { role: "user", content: [{ text: "What is this?" }, { image: { format: "png", source: { bytes: pixel } } }] },
      ],
    });
  });

  it.each([
    {
      model: "mock-error-400",
      status: 400,
      code: "ValidationException",
      retryable: false,
      type: "invalid_request_error",
    },
    {
      model: "mock-error-403",
      status: 403,
      code: "AccessDeniedException",
      retryable: false,
      type: "invalid_request_error",
    },
    {
      model: "mock-error-404",
      status: 404,
      code: "ResourceNotFoundException",
      retryable: false,
      type: "invalid_request_error",
    },
    { model: "mock-error-429", status: 429, code: "ThrottlingException", retryable: true, type: "rate_limit_error" },
    { model: "mock-error-500", status: 500, code: "InternalServerException", retryable: true, type: "server_error" },
    {
      model: "mock-error-503",
      status: 503,
      code: "ServiceUnavailableException",
      retryable: true,
      type: "server_error",
    },
  ])("keeps the upstream's $status $code", async ({ model, status, code, retryable, type }) => {
    const error = await failure(adapter.chat(chatRequest(), call(model)));
    expect(error).toMatchObject({
      code: "upstream_error",
      status,
      type,
      retryable,
      upstream: { provider: "bedrock", status, code },
    });
    expect(error.upstream?.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(error.message.length).toBeGreaterThan(10);
  });

  it("reports a body that is not JSON as a bad response", async () => {
    const error = await failure(adapter.chat(chatRequest(), call("mock-garbage")));
    expect(error).toMatchObject({ code: "upstream_bad_response", status: 502 });
  });
});
