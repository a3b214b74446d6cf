import Anthropic, { APIError, BadRequestError, RateLimitError } from "@anthropic-ai/sdk";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { decodeAnthropicCountTokensRequest } from "../../src/inbound/anthropic-messages/decode-request.js";
import { estimateInputTokens } from "../../src/inbound/anthropic-messages/estimate-input-tokens.js";
import {
  DEFAULT_MOCK_API_KEY,
  type MockOpenAIUpstream,
  startMockOpenAIUpstream,
} from "../support/mock-openai-upstream.js";
import { type GatewayProcess, startGateway } from "../support/start-gateway.js";

// The built gateway (npm run build) in front of the OpenAI mock, driven by the official Anthropic client.
let mock: MockOpenAIUpstream;
let gateway: GatewayProcess;
let client: Anthropic;

beforeAll(async () => {
  mock = await startMockOpenAIUpstream();
  gateway = await startGateway({
    providers: {
      upstream: { type: "openai", baseUrl: `${mock.url}/v1`, apiKey: DEFAULT_MOCK_API_KEY, models: ["gpt-4o-mini"] },
    },
    models: {
      smart: { targets: [{ provider: "upstream", model: "gpt-4o-mini" }] },
    },
  });
  client = new Anthropic({ baseURL: gateway.url, apiKey: "unused-by-the-gateway", maxRetries: 0 });
});

afterAll(async () => {
  await gateway?.stop();
  await mock?.close();
});

beforeEach(() => mock.reset());

const weatherTool = {
  name: "get_weather",
  description: "Weather by city",
  input_schema: { type: "object" as const, properties: { city: { type: "string" } }, required: ["city"] },
};

function upstreamMessages(): unknown {
  return (mock.lastRequest()?.body as { messages?: unknown } | undefined)?.messages;
}

/**
 * Ids differ per upstream call; everything else must match. `parsed_output` is added by the
 * SDK's stream helper itself (structured outputs), not sent on the wire.
 */
function withoutId(message: Anthropic.Message): Record<string, unknown> {
  const { id, parsed_output: _parsed, ...rest } = message as Anthropic.Message & { parsed_output?: unknown };
  expect(id).toMatch(/^msg_chatcmpl-/);
  return JSON.parse(JSON.stringify(rest)) as Record<string, unknown>;
}

describe("the Anthropic Messages API through the gateway, on an OpenAI model", () => {
  it("answers messages.create and sends the upstream an OpenAI request", async () => {
    const message = await client.messages.create({
      model: "smart",
      system: "Be brief.",
      messages: [{ role: "user", content: "Hello there" }],
      max_tokens: 50,
      stop_sequences: ["END"],
      metadata: { user_id: "user-42" },
    });
    expect(withoutId(message)).toEqual({
      type: "message",
      role: "assistant",
      model: "gpt-4o-mini",
      content: [{ type: "text", text: "Echo: Hello there ✓" }],
      stop_reason: "end_turn",
      stop_sequence: null,
      usage: { input_tokens: 4, output_tokens: 4, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
    });
    expect(mock.lastRequest()?.body).toEqual({
      model: "gpt-4o-mini",
      messages: [
        { role: "system", content: "Be brief." },
        { role: "user", content: "Hello there" },
      ],
      max_completion_tokens: 50,
      stop: ["END"],
      user: "user-42",
    });
  });

  it("streams with messages.stream; finalMessage() equals the non-streamed answer, usage included", async () => {
    const params = {
      model: "smart",
      messages: [{ role: "user" as const, content: "Stream this please" }],
      max_tokens: 50,
    };
    const plain = await client.messages.create(params);
    const stream = client.messages.stream(params);
    const seen: string[] = [];
    for await (const event of stream) seen.push(event.type);
    const streamed = await stream.finalMessage();
    expect(withoutId(streamed)).toEqual(withoutId(plain));
    expect(streamed.usage.input_tokens).toBeGreaterThan(0);
    expect(seen[0]).toBe("message_start");
    expect(seen.slice(-2)).toEqual(["message_delta", "message_stop"]);
    expect(seen.filter((type) => type === "content_block_start")).toHaveLength(1);
    expect(mock.lastRequest()?.body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
  });

  it("frames the stream as Anthropic does: named events, no [DONE]", async () => {
    const response = await fetch(`${gateway.url}/v1/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        model: "smart",
        messages: [{ role: "user", content: "Hi" }],
        max_tokens: 10,
        stream: true,
      }),
    });
    expect(response.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    const text = await response.text();
    expect(text).not.toContain("[DONE]");
    const names = text
      .trim()
      .split("\n\n")
      .map((frame) => /^event: (\w+)\ndata: \{"type":"(\w+)"/.exec(frame)?.slice(1));
    expect(names.every((pair) => pair !== undefined && pair[0] === pair[1])).toBe(true);
    expect(names.map((pair) => pair?.[0])).toEqual([
      "message_start",
      "content_block_start",
      ...names.slice(2, -3).map(() => "content_block_delta"),
      "content_block_stop",
      "message_delta",
      "message_stop",
    ]);
    expect(text).toContain('"usage":{"input_tokens":1,"output_tokens":3,');
  });

  it("does a tool call round trip, streamed and not", async () => {
    const question: Anthropic.MessageParam = { role: "user", content: "Weather in Paris?" };
    const first = await client.messages.create({
      model: "smart",
      messages: [question],
      tools: [weatherTool],
      tool_choice: { type: "auto" },
      max_tokens: 100,
    });
    expect(first.stop_reason).toBe("tool_use");
    expect(first.content).toEqual([{ type: "tool_use", id: "call_1", name: "get_weather", input: { city: "Paris" } }]);
    expect(mock.lastRequest()?.body).toMatchObject({
      tools: [{ type: "function", function: { name: "get_weather", parameters: weatherTool.input_schema } }],
      tool_choice: "auto",
    });

    const streamed = await client.messages
      .stream({ model: "smart", messages: [question], tools: [weatherTool], max_tokens: 100 })
      .finalMessage();
    expect(withoutId(streamed)).toEqual(withoutId(first));

    const answer = await client.messages.create({
      model: "smart",
      messages: [
        question,
        { role: "assistant", content: first.content },
        { role: "user", content: [{ type: "tool_result", tool_use_id: "call_1", content: "21C sunny" }] },
      ],
      tools: [weatherTool],
      max_tokens: 100,
    });
    expect(answer.content).toEqual([{ type: "text", text: "Echo: tool result 21C sunny ✓" }]);
    expect(answer.stop_reason).toBe("end_turn");
    expect(upstreamMessages()).toEqual([
      { role: "user", content: "Weather in Paris?" },
      {
        role: "assistant",
        content: null,
        tool_calls: [
          { id: "call_1", type: "function", function: { name: "get_weather", arguments: '{"city":"Paris"}' } },
        ],
      },
      { role: "tool", tool_call_id: "call_1", content: "21C sunny" },
    ]);
  });

  it("sends an image input on as an image_url part", async () => {
    const png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";
    const message = await client.messages.create({
      model: "smart",
      messages: [
        {
          role: "user",
          content: [
            { type: "image", source: { type: "base64", media_type: "image/png", data: png } },
            { type: "text", text: "What is this?" },
          ],
        },
      ],
      max_tokens: 50,
    });
    expect(message.content).toEqual([{ type: "text", text: "Echo: What is this? ✓" }]);
    expect(upstreamMessages()).toEqual([
      {
        role: "user",
        content: [
          { type: "image_url", image_url: { url: `data:image/png;base64,${png}` } },
          { type: "text", text: "What is this?" },
        ],
      },
    ]);
  });

  it.each([
    ["mock-error-429", RateLimitError, 429, "rate_limit_error"],
    ["mock-error-400", BadRequestError, 400, "invalid_request_error"],
  ])("turns the upstream's %s into the SDK's error class", async (model, errorClass, status, type) => {
    const failure = await client.messages
      .create({ model: `upstream/${model}`, messages: [{ role: "user", content: "Hi" }], max_tokens: 10 })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(errorClass);
    const apiError = failure as APIError;
    expect(apiError.status).toBe(status);
    expect(apiError.error).toMatchObject({ type: "error", error: { type, message: expect.any(String) } });
  });

  it("reports an error in the upstream's stream as the SDK's in-band error", async () => {
    const stream = client.messages.stream({
      model: "upstream/mock-stream-error",
      messages: [{ role: "user", content: "Hi" }],
      max_tokens: 10,
    });
    const failure = await stream.finalMessage().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(APIError);
    expect((failure as APIError).error).toMatchObject({ type: "error", error: { type: "api_error" } });
  });

  it("answers a wrong method on /v1/messages in Anthropic's error shape", async () => {
    const response = await fetch(`${gateway.url}/v1/messages`);
    expect(response.status).toBe(405);
    expect(await response.json()).toMatchObject({ type: "error", error: { type: "invalid_request_error" } });
  });

  it("refuses a request without max_tokens in Anthropic's error shape", async () => {
    const response = await fetch(`${gateway.url}/v1/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ model: "smart", messages: [{ role: "user", content: "Hi" }] }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      type: "error",
      error: { type: "invalid_request_error", message: "Invalid 'max_tokens': field required." },
    });
    expect(mock.requests).toHaveLength(0);
  });

  it("estimates count_tokens for a model that cannot count, and says so", async () => {
    const params = {
      model: "smart",
      system: "Be brief.",
      messages: [{ role: "user" as const, content: "How many tokens is this?" }],
      tools: [weatherTool],
    };
    const { data, response } = await client.messages.countTokens(params).withResponse();
    expect(data).toEqual({ input_tokens: estimateInputTokens(decodeAnthropicCountTokensRequest(params)) });
    expect(data.input_tokens).toBeGreaterThan(10);
    expect(response.headers.get("x-switchyard-token-estimate")).toBe("true");
    expect(mock.requests).toHaveLength(0);
  });
});
