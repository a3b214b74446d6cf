import { describe, expect, it } from "vitest";
import { chatRequestFor, embeddingRequestFor } from "../../../test/support/mock-shared/adapter-test-kit.js";
import type { ChatMessage } from "../../contract/chat-message.js";
import type { ChatRequest } from "../../contract/chat-request.js";
import type { EmbeddingRequest } from "../../contract/embedding.js";
import { GatewayError } from "../../contract/errors.js";
import { toCohereChatBody, toCohereEmbedBody } from "./to-wire.js";

const request = (fields: Partial<ChatRequest>) => chatRequestFor("cohere/command-a-03-2025", fields);

const weatherTool = {
  type: "function" as const,
  name: "get_weather",
  description: "Weather of a city",
  parameters: { type: "object", properties: { city: { type: "string" } } },
};
const timeTool = { type: "function" as const, name: "get_time" };

const toolTurn: ChatMessage[] = [
  { role: "user", content: [{ type: "text", text: "Weather in Paris?" }] },
  {
    role: "assistant",
    content: [
      { type: "text", text: "I will look it up." },
      { type: "tool-call", id: "get_weather_1", name: "get_weather", arguments: '{"city":"Paris"}' },
    ],
  },
  { role: "tool", content: [{ type: "tool-result", toolCallId: "get_weather_1", content: '{"temp_c":21}' }] },
];

describe("toCohereChatBody", () => {
  const cases: Array<{ name: string; request: Partial<ChatRequest>; expected: Record<string, unknown> }> = [
    {
      name: "a plain user turn; stream is always written out",
      request: {},
      expected: { model: "command-a-03-2025", messages: [{ role: "user", content: "Hi" }], stream: false },
    },
    {
      name: "sampling under Cohere's names",
      request: {
        sampling: {
          temperature: 0.3,
          topP: 0.9,
          maxOutputTokens: 512,
          stop: ["END"],
          seed: 1,
          presencePenalty: 0.1,
          frequencyPenalty: 0.2,
          logprobs: true,
          logitBias: { "1": 2 },
        },
      },
      expected: {
        model: "command-a-03-2025",
        messages: [{ role: "user", content: "Hi" }],
        temperature: 0.3,
        p: 0.9,
        max_tokens: 512,
        stop_sequences: ["END"],
        seed: 1,
        presence_penalty: 0.1,
        frequency_penalty: 0.2,
        stream: false,
      },
    },
    {
      name: "system and developer become system; several parts stay parts; images as image_url",
      request: {
        messages: [
          { role: "system", content: [{ type: "text", text: "Be terse." }] },
          { role: "developer", content: [{ type: "text", text: "Use metric units." }] },
          {
            role: "user",
            content: [
              { type: "text", text: "Describe" },
              { type: "image", url: "data:image/png;base64,AAAA", detail: "low" },
            ],
          },
        ],
      },
      expected: {
        model: "command-a-03-2025",
        messages: [
          { role: "system", content: "Be terse." },
          { role: "system", content: "Use metric units." },
          {
            role: "user",
            content: [
              { type: "text", text: "Describe" },
              { type: "image_url", image_url: { url: "data:image/png;base64,AAAA", detail: "low" } },
            ],
          },
        ],
        stream: false,
      },
    },
    {
      name: "assistant tool calls with their text as tool_plan, results as tool messages",
      request: { messages: toolTurn, tools: [weatherTool] },
      expected: {
        model: "command-a-03-2025",
        messages: [
          { role: "user", content: "Weather in Paris?" },
          {
            role: "assistant",
            tool_plan: "I will look it up.",
            tool_calls: [
              {
                id: "get_weather_1",
                type: "function",
                function: { name: "get_weather", arguments: '{"city":"Paris"}' },
              },
            ],
          },
          { role: "tool", tool_call_id: "get_weather_1", content: '{"temp_c":21}' },
        ],
        tools: [
          {
            type: "function",
            function: { name: "get_weather", description: "Weather of a city", parameters: weatherTool.parameters },
          },
        ],
        stream: false,
      },
    },
    {
      name: "assistant text without tool calls is content; reasoning is not sent back",
      request: {
        messages: [
          { role: "user", content: [{ type: "text", text: "Hi" }] },
          {
            role: "assistant",
            content: [
              { type: "reasoning", text: "greet back" },
              { type: "text", text: "Hello!" },
            ],
          },
          { role: "user", content: [{ type: "text", text: "Again" }] },
        ],
      },
      expected: {
        model: "command-a-03-2025",
        messages: [
          { role: "user", content: "Hi" },
          { role: "assistant", content: "Hello!" },
          { role: "user", content: "Again" },
        ],
        stream: false,
      },
    },
    {
      name: "tool results inside a user message become tool messages before it (Anthropic's shape)",
      request: {
        messages: [
          {
            role: "user",
            content: [
              { type: "tool-result", toolCallId: "a", content: [{ type: "text", text: "sunny" }] },
              { type: "tool-result", toolCallId: "b", content: "12:00" },
              { type: "text", text: "Thanks" },
            ],
          },
        ],
      },
      expected: {
        model: "command-a-03-2025",
        messages: [
          { role: "tool", tool_call_id: "a", content: "sunny" },
          { role: "tool", tool_call_id: "b", content: "12:00" },
          { role: "user", content: "Thanks" },
        ],
        stream: false,
      },
    },
    {
      name: "tool_choice required and none; strict tools switch strict_tools on",
      request: { tools: [{ ...timeTool, strict: true }], toolChoice: { type: "required" } },
      expected: {
        model: "command-a-03-2025",
        messages: [{ role: "user", content: "Hi" }],
        tool_choice: "REQUIRED",
        tools: [{ type: "function", function: { name: "get_time" } }],
        strict_tools: true,
        stream: false,
      },
    },
    {
      name: "a named tool_choice sends only that tool and requires a call",
      request: { tools: [weatherTool, timeTool], toolChoice: { type: "tool", name: "get_time" } },
      expected: {
        model: "command-a-03-2025",
        messages: [{ role: "user", content: "Hi" }],
        tool_choice: "REQUIRED",
        tools: [{ type: "function", function: { name: "get_time" } }],
        stream: false,
      },
    },
    {
      name: "tool_choice auto is Cohere's default and is left out",
      request: { tools: [timeTool], toolChoice: { type: "auto" }, parallelToolCalls: false },
      expected: {
        model: "command-a-03-2025",
        messages: [{ role: "user", content: "Hi" }],
        tools: [{ type: "function", function: { name: "get_time" } }],
        stream: false,
      },
    },
    {
      name: "json_schema rides on json_object",
      request: {
        responseFormat: { type: "json_schema", name: "answer", schema: { type: "object" }, strict: true },
        stream: true,
      },
      expected: {
        model: "command-a-03-2025",
        messages: [{ role: "user", content: "Hi" }],
        response_format: { type: "json_object", json_schema: { type: "object" } },
        stream: true,
      },
    },
    {
      name: "json_object; text format is the default and left out",
      request: { responseFormat: { type: "json_object" } },
      expected: {
        model: "command-a-03-2025",
        messages: [{ role: "user", content: "Hi" }],
        response_format: { type: "json_object" },
        stream: false,
      },
    },
    {
      name: "cohere provider options ride along; other families do not",
      request: { providerOptions: { cohere: { k: 40, safety_mode: "CONTEXTUAL" }, openai: { service_tier: "flex" } } },
      expected: {
        k: 40,
        safety_mode: "CONTEXTUAL",
        model: "command-a-03-2025",
        messages: [{ role: "user", content: "Hi" }],
        stream: false,
      },
    },
  ];

  it.each(cases)("$name", ({ request: fields, expected }) => {
    expect(toCohereChatBody(request(fields), "command-a-03-2025")).toEqual(expected);
  });

  const failures: Array<{ name: string; request: Partial<ChatRequest>; code: string; param: string }> = [
    { name: "n > 1", request: { sampling: { n: 2 } }, code: "unsupported_feature", param: "n" },
    {
      name: "audio content",
      request: { messages: [{ role: "user", content: [{ type: "audio", data: "AAAA", format: "wav" }] }] },
      code: "unsupported_feature",
      param: "messages",
    },
    {
      name: "an image in a system message",
      request: { messages: [{ role: "system", content: [{ type: "image", url: "https://example.com/a.png" }] }] },
      code: "unsupported_feature",
      param: "messages",
    },
    {
      name: "a named tool_choice that is not among the tools",
      request: { tools: [weatherTool], toolChoice: { type: "tool", name: "nope" } },
      code: "invalid_request",
      param: "tool_choice",
    },
  ];

  it.each(failures)("rejects $name with a 400", ({ request: fields, code, param }) => {
    const error = catchError(() => toCohereChatBody(request(fields), "command-a-03-2025"));
    expect(error).toBeInstanceOf(GatewayError);
    expect(error).toMatchObject({ code, param, status: 400 });
  });
});

describe("toCohereEmbedBody", () => {
  const embedding = (fields: Partial<EmbeddingRequest>) => embeddingRequestFor("cohere/embed-v4.0", fields);

  it("asks for float embeddings of search documents", () => {
    expect(toCohereEmbedBody(embedding({}), "embed-v4.0")).toEqual({
      input_type: "search_document",
      model: "embed-v4.0",
      texts: ["a", "b"],
      embedding_types: ["float"],
    });
  });

  it("takes dimensions and another input_type from provider options", () => {
    const body = toCohereEmbedBody(
      embedding({
        dimensions: 256,
        encodingFormat: "base64",
        providerOptions: { cohere: { input_type: "search_query" } },
      }),
      "embed-v4.0",
    );
    expect(body).toEqual({
      input_type: "search_query",
      model: "embed-v4.0",
      texts: ["a", "b"],
      embedding_types: ["float"],
      output_dimension: 256,
    });
  });

  it("rejects token arrays", () => {
    const error = catchError(() => toCohereEmbedBody(embedding({ input: [[1, 2]] }), "embed-v4.0"));
    expect(error).toMatchObject({ code: "unsupported_feature", param: "input" });
  });
});

function catchError(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error("expected an error");
}
