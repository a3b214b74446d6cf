import { describe, expect, it } from "vitest";
import { chatRequestFor, embeddingRequestFor } from "../../../test/support/mock-shared/adapter-test-kit.js";
import type { ChatRequest } from "../../contract/chat-request.js";
import type { EmbeddingRequest } from "../../contract/embedding.js";
import { GatewayError } from "../../contract/errors.js";
import { toOllamaChatBody, toOllamaEmbedBody } from "./to-wire.js";

const request = (fields: Partial<ChatRequest>) => chatRequestFor("ollama/llama3.2", fields);

const weatherTool = {
  type: "function" as const,
  name: "get_weather",
  description: "Weather of a city",
  parameters: { type: "object", properties: { city: { type: "string" } } },
};
const timeTool = { type: "function" as const, name: "get_time" };
const hi = { role: "user", content: "Hi" };

describe("toOllamaChatBody", () => {
  const cases: Array<{ name: string; request: Partial<ChatRequest>; expected: Record<string, unknown> }> = [
    {
      name: "stream false is written out (Ollama streams by default)",
      request: {},
      expected: { model: "llama3.2", messages: [hi], stream: false },
    },
    {
      name: "stream true",
      request: { stream: true },
      expected: { model: "llama3.2", messages: [hi], stream: true },
    },
    {
      name: "sampling goes into options",
      request: {
        sampling: {
          temperature: 0.2,
          topP: 0.9,
          maxOutputTokens: 256,
          stop: ["END"],
          seed: 1,
          presencePenalty: 0.1,
          frequencyPenalty: 0.2,
          logitBias: { "1": 1 },
        },
      },
      expected: {
        model: "llama3.2",
        messages: [hi],
        options: {
          temperature: 0.2,
          top_p: 0.9,
          num_predict: 256,
          stop: ["END"],
          seed: 1,
          presence_penalty: 0.1,
          frequency_penalty: 0.2,
        },
        stream: false,
      },
    },
    {
      name: "provider options: top-level fields and options merged with sampling",
      request: {
        sampling: { temperature: 0.5 },
        providerOptions: { ollama: { keep_alive: "5m", think: true, options: { num_ctx: 8192, temperature: 1 } } },
      },
      expected: {
        keep_alive: "5m",
        think: true,
        model: "llama3.2",
        messages: [hi],
        options: { num_ctx: 8192, temperature: 0.5 },
        stream: false,
      },
    },
    {
      name: "text parts join; data: URL images become bare base64; developer is system",
      request: {
        messages: [
          { role: "developer", content: [{ type: "text", text: "Be terse." }] },
          {
            role: "user",
            content: [
              { type: "text", text: "What is" },
              { type: "text", text: "in this picture?" },
              { type: "image", url: "data:image/png;base64,iVBORw0KGgo=" },
              { type: "image", url: "data:image/jpeg;name=a.jpg;base64,/9j/4AAQ" },
            ],
          },
        ],
      },
      expected: {
        model: "llama3.2",
        messages: [
          { role: "system", content: "Be terse." },
          { role: "user", content: "What is\nin this picture?", images: ["iVBORw0KGgo=", "/9j/4AAQ"] },
        ],
        stream: false,
      },
    },
    {
      name: "tool calls with object arguments, results by tool name, thinking sent back",
      request: {
        tools: [weatherTool],
        messages: [
          { role: "user", content: [{ type: "text", text: "Weather in Tokyo?" }] },
          {
            role: "assistant",
            content: [
              { type: "reasoning", text: "Need the tool." },
              { type: "tool-call", id: "call_0", name: "get_weather", arguments: '{"city":"Tokyo"}' },
              { type: "tool-call", id: "call_1", name: "get_time", arguments: "" },
            ],
          },
          { role: "tool", content: [{ type: "tool-result", toolCallId: "call_0", content: "11C" }] },
          {
            role: "tool",
            content: [{ type: "tool-result", toolCallId: "call_1", content: [{ type: "text", text: "noon" }] }],
          },
          { role: "tool", content: [{ type: "tool-result", toolCallId: "unknown", content: "?" }] },
        ],
      },
      expected: {
        model: "llama3.2",
        messages: [
          { role: "user", content: "Weather in Tokyo?" },
          {
            role: "assistant",
            content: "",
            thinking: "Need the tool.",
            tool_calls: [
              { function: { name: "get_weather", arguments: { city: "Tokyo" } } },
              { function: { name: "get_time", arguments: {} } },
            ],
          },
          { role: "tool", content: "11C", tool_name: "get_weather" },
          { role: "tool", content: "noon", tool_name: "get_time" },
          { role: "tool", content: "?" },
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
      name: "tool_choice none sends no tools",
      request: { tools: [weatherTool], toolChoice: { type: "none" } },
      expected: { model: "llama3.2", messages: [hi], stream: false },
    },
    {
      name: "a named tool_choice sends only that tool",
      request: { tools: [weatherTool, timeTool], toolChoice: { type: "tool", name: "get_time" } },
      expected: {
        model: "llama3.2",
        messages: [hi],
        tools: [{ type: "function", function: { name: "get_time" } }],
        stream: false,
      },
    },
    {
      name: "json_object is format json",
      request: { responseFormat: { type: "json_object" } },
      expected: { model: "llama3.2", messages: [hi], format: "json", stream: false },
    },
    {
      name: "json_schema is the schema itself",
      request: { responseFormat: { type: "json_schema", name: "answer", schema: { type: "object", required: ["a"] } } },
      expected: { model: "llama3.2", messages: [hi], format: { type: "object", required: ["a"] }, stream: false },
    },
  ];

  it.each(cases)("$name", ({ request: fields, expected }) => {
    expect(toOllamaChatBody(request(fields), "llama3.2")).toEqual(expected);
  });

  const failures: Array<{ name: string; request: Partial<ChatRequest>; code: string; param: string; message: RegExp }> =
    [
      {
        name: "an http image URL",
        request: { messages: [{ role: "user", content: [{ type: "image", url: "https://example.com/cat.png" }] }] },
        code: "unsupported_feature",
        param: "messages",
        message: /only as base64 data: URLs/,
      },
      {
        name: "a data: URL that is not base64",
        request: { messages: [{ role: "user", content: [{ type: "image", url: "data:image/svg+xml,<svg/>" }] }] },
        code: "unsupported_feature",
        param: "messages",
        message: /base64/,
      },
      {
        name: "file content",
        request: { messages: [{ role: "user", content: [{ type: "file", data: "data:application/pdf;base64,AA" }] }] },
        code: "unsupported_feature",
        param: "messages",
        message: /file content/,
      },
      {
        name: "n > 1",
        request: { sampling: { n: 3 } },
        code: "unsupported_feature",
        param: "n",
        message: /n greater than 1/,
      },
      {
        name: "tool-call arguments that are not a JSON object",
        request: {
          messages: [{ role: "assistant", content: [{ type: "tool-call", id: "c", name: "f", arguments: "[1,2]" }] }],
        },
        code: "invalid_request",
        param: "messages",
        message: /as a JSON object/,
      },
      {
        name: "a named tool_choice that is not among the tools",
        request: { tools: [weatherTool], toolChoice: { type: "tool", name: "nope" } },
        code: "invalid_request",
        param: "tool_choice",
        message: /not among the tools/,
      },
    ];

  it.each(failures)("rejects $name with a 400", ({ request: fields, code, param, message }) => {
    let error: unknown;
    try {
      toOllamaChatBody(request(fields), "llama3.2");
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(GatewayError);
    expect(error).toMatchObject({ code, param, status: 400 });
    expect((error as Error).message).toMatch(message);
  });
});

describe("toOllamaEmbedBody", () => {
  const embedding = (fields: Partial<EmbeddingRequest>) => embeddingRequestFor("ollama/all-minilm", fields);

  it("sends the texts as input, with dimensions and provider options", () => {
    expect(toOllamaEmbedBody(embedding({}), "all-minilm")).toEqual({ model: "all-minilm", input: ["a", "b"] });
    expect(
      toOllamaEmbedBody(embedding({ dimensions: 64, providerOptions: { ollama: { truncate: false } } }), "all-minilm"),
    ).toEqual({ truncate: false, model: "all-minilm", input: ["a", "b"], dimensions: 64 });
  });

  it("rejects token arrays", () => {
    expect(() => toOllamaEmbedBody(embedding({ input: [[1, 2]] }), "all-minilm")).toThrow(/token arrays/);
  });
});
