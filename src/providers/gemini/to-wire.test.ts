import { describe, expect, it } from "vitest";
import { embeddingRequestFor } from "../../../test/support/mock-shared/adapter-test-kit.js";
import type { ChatMessage, ContentPart } from "../../contract/chat-message.js";
import type { ChatRequest, ToolChoice } from "../../contract/chat-request.js";
import type { EmbeddingRequest } from "../../contract/embedding.js";
import { GatewayError } from "../../contract/errors.js";
import type { GeminiToolCallPart } from "./thought-signature.js";
import { geminiModelResource, toGeminiBatchEmbedBody, toGeminiGenerateContentBody } from "./to-wire.js";

function request(overrides: Partial<ChatRequest> = {}): ChatRequest {
  return {
    model: "gemini/gemini-2.5-flash",
    messages: [user("hello")],
    sampling: {},
    stream: false,
    providerOptions: {},
    ...overrides,
  };
}

function user(...parts: Array<string | ContentPart>): ChatMessage {
  return {
    role: "user",
    content: parts.map((part) => (typeof part === "string" ? { type: "text", text: part } : part)),
  };
}

function toolCall(id: string, name: string, args: string, signature?: string): GeminiToolCallPart {
  return {
    type: "tool-call",
    id,
    name,
    arguments: args,
    ...(signature ? { providerOptions: { gemini: { thoughtSignature: signature } } } : {}),
  };
}

function toolResult(toolCallId: string, content: string, isError?: boolean): ChatMessage {
  return { role: "tool", content: [{ type: "tool-result", toolCallId, content, ...(isError ? { isError } : {}) }] };
}

describe("toGeminiGenerateContentBody: contents", () => {
  it("puts system and developer text in systemInstruction, maps assistant to model and merges same-role turns", () => {
    const body = toGeminiGenerateContentBody(
      request({
        messages: [
          { role: "system", content: [{ type: "text", text: "You are terse." }] },
          { role: "developer", content: [{ type: "text", text: "Answer in English." }] },
          user("first"),
          user("second"),
          { role: "assistant", content: [{ type: "text", text: "ok" }] },
          user("third"),
        ],
      }),
    );
    expect(body).toEqual({
      systemInstruction: { parts: [{ text: "You are terse." }, { text: "Answer in English." }] },
      contents: [
        { role: "user", parts: [{ text: "first" }, { text: "second" }] },
        { role: "model", parts: [{ text: "ok" }] },
        { role: "user", parts: [{ text: "third" }] },
      ],
    });
  });

  it("sends tool calls as functionCall parts and tool results as functionResponse parts named after the call", () => {
    const body = toGeminiGenerateContentBody(
      request({
        messages: [
          user("weather and time?"),
          {
            role: "assistant",
            content: [
              { type: "text", text: "Checking." },
              toolCall("call_a_0", "get_weather", '{"city":"Paris"}', "c2lnLTE="),
              toolCall("call_a_1", "get_time", ""),
            ],
          },
          toolResult("call_a_1", "12:00"),
          toolResult("call_a_0", "city unknown", true),
        ],
      }),
    );
    expect(body.contents).toEqual([
      { role: "user", parts: [{ text: "weather and time?" }] },
      {
        role: "model",
        parts: [
          { text: "Checking." },
          { functionCall: { name: "get_weather", args: { city: "Paris" } }, thoughtSignature: "c2lnLTE=" },
          { functionCall: { name: "get_time", args: {} } },
        ],
      },
      {
        role: "user",
        parts: [
          { functionResponse: { name: "get_time", response: { output: "12:00" } } },
          { functionResponse: { name: "get_weather", response: { error: "city unknown" } } },
        ],
      },
    ]);
  });

  it("sends Google's skip value when the first call of a model turn lost its signature", () => {
    const body = toGeminiGenerateContentBody(
      request({
        messages: [
          user("go"),
          { role: "assistant", content: [toolCall("call_1", "a", "{}"), toolCall("call_2", "b", "{}", "c2ln")] },
          toolResult("call_1", "x"),
          toolResult("call_2", "y"),
        ],
      }),
    );
    expect(body.contents[1]?.parts).toEqual([
      { functionCall: { name: "a", args: {} }, thoughtSignature: "skip_thought_signature_validator" },
      { functionCall: { name: "b", args: {} }, thoughtSignature: "c2ln" },
    ]);
  });

  it("resolves a reused id to the latest call with it", () => {
    const body = toGeminiGenerateContentBody(
      request({
        messages: [
          user("1"),
          { role: "assistant", content: [toolCall("call_0", "first", "{}", "cw==")] },
          toolResult("call_0", "a"),
          { role: "assistant", content: [toolCall("call_0", "second", "{}", "cw==")] },
          toolResult("call_0", "b"),
        ],
      }),
    );
    expect(body.contents.at(-1)?.parts).toEqual([{ functionResponse: { name: "second", response: { output: "b" } } }]);
  });

  it("puts function responses first in a user turn that also holds text (Anthropic-style tool results)", () => {
    const body = toGeminiGenerateContentBody(
      request({
        messages: [
          user("go"),
          { role: "assistant", content: [toolCall("toolu_1", "lookup", '{"q":1}', "cw==")] },
          user("and hurry", {
            type: "tool-result",
            toolCallId: "toolu_1",
            content: [
              { type: "text", text: "found" },
              { type: "image", url: "data:image/png;base64,iVBORw0" },
            ],
          }),
        ],
      }),
    );
    expect(body.contents.at(-1)).toEqual({
      role: "user",
      parts: [
        { functionResponse: { name: "lookup", response: { output: "found" } } },
        { text: "and hurry" },
        { inlineData: { mimeType: "image/png", data: "iVBORw0" } },
      ],
    });
  });

  it.each([
    ["a tool result whose call is unknown", [user("x"), toolResult("call_missing", "r")], "messages[1]"],
    [
      "arguments that are not a JSON object",
      [user("x"), { role: "assistant", content: [toolCall("c", "f", "[1,2]")] } as ChatMessage],
      "messages[1]",
    ],
    [
      "arguments that are not JSON",
      [user("x"), { role: "assistant", content: [toolCall("c", "f", "{oops")] } as ChatMessage],
      "messages[1]",
    ],
  ])("answers 400 for %s", (_name, messages, param) => {
    const error = (() => {
      try {
        toGeminiGenerateContentBody(request({ messages }));
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(GatewayError);
    expect(error).toMatchObject({ code: "invalid_request", status: 400, param });
  });

  it.each<[string, ContentPart, unknown]>([
    [
      "a base64 data URL",
      { type: "image", url: "data:image/jpeg;base64,/9j/4AAQ" },
      { inlineData: { mimeType: "image/jpeg", data: "/9j/4AAQ" } },
    ],
    [
      "a percent-encoded data URL",
      { type: "image", url: "data:text/plain,hi%20there" },
      { inlineData: { mimeType: "text/plain", data: Buffer.from("hi there").toString("base64") } },
    ],
    [
      "an http URL with a known extension",
      { type: "image", url: "https://example.com/cat.PNG?size=large" },
      { fileData: { fileUri: "https://example.com/cat.PNG?size=large", mimeType: "image/png" } },
    ],
    [
      "an http URL without an extension",
      { type: "image", url: "https://example.com/image" },
      { fileData: { fileUri: "https://example.com/image" } },
    ],
    [
      "a file as a data URL",
      { type: "file", data: "data:application/pdf;base64,JVBERi0", filename: "a.pdf" },
      { inlineData: { mimeType: "application/pdf", data: "JVBERi0" } },
    ],
    [
      "a file as raw base64, typed by its name",
      { type: "file", data: "JVBERi0", filename: "report.pdf" },
      { inlineData: { mimeType: "application/pdf", data: "JVBERi0" } },
    ],
    [
      "a Files API file id",
      { type: "file", fileId: "https://generativelanguage.googleapis.com/v1beta/files/abc", mediaType: "video/mp4" },
      { fileData: { fileUri: "https://generativelanguage.googleapis.com/v1beta/files/abc", mimeType: "video/mp4" } },
    ],
    [
      "audio",
      { type: "audio", data: "UklGR", format: "wav" },
      { inlineData: { mimeType: "audio/wav", data: "UklGR" } },
    ],
  ])("sends %s as a media part", (_name, part, expected) => {
    const body = toGeminiGenerateContentBody(request({ messages: [user("look", part)] }));
    expect(body.contents[0]?.parts).toEqual([{ text: "look" }, expected]);
  });

  it("keeps text signatures on model turns only, drops reasoning and empty text", () => {
    const signed = { gemini: { thoughtSignature: "dGV4dA==" } };
    const body = toGeminiGenerateContentBody(
      request({
        messages: [
          user("", { type: "text", text: "hi", providerOptions: signed }),
          {
            role: "assistant",
            content: [
              { type: "reasoning", text: "thinking…", signature: "cmVhc29u" },
              { type: "text", text: "hello", providerOptions: signed },
              { type: "text", text: "", providerOptions: { gemini: { thoughtSignature: "ZW1wdHk=" } } },
              { type: "text", text: "" },
            ],
          },
          { role: "assistant", content: [] },
        ],
      }),
    );
    expect(body.contents).toEqual([
      { role: "user", parts: [{ text: "hi" }] },
      {
        role: "model",
        parts: [
          { text: "hello", thoughtSignature: "dGV4dA==" },
          { text: "", thoughtSignature: "ZW1wdHk=" },
        ],
      },
    ]);
  });
});

describe("toGeminiGenerateContentBody: tools and generation config", () => {
  const tools: ChatRequest["tools"] = [
    {
      type: "function",
      name: "get_weather",
      description: "Weather of a city",
      parameters: {
        $schema: "http://json-schema.org/draft-07/schema#",
        type: "object",
        properties: { city: { type: "string" } },
        required: ["city"],
        additionalProperties: false,
      },
      strict: true,
    },
    { type: "function", name: "get_time", parameters: { type: "object", properties: {} } },
    { type: "function", name: "ping" },
  ];

  it("declares functions with cleaned parameters, and none for a function without arguments", () => {
    expect(toGeminiGenerateContentBody(request({ tools })).tools).toEqual([
      {
        functionDeclarations: [
          {
            name: "get_weather",
            description: "Weather of a city",
            parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
          },
          { name: "get_time" },
          { name: "ping" },
        ],
      },
    ]);
  });

  it.each<[ToolChoice, unknown]>([
    [{ type: "auto" }, { functionCallingConfig: { mode: "AUTO" } }],
    [{ type: "none" }, { functionCallingConfig: { mode: "NONE" } }],
    [{ type: "required" }, { functionCallingConfig: { mode: "ANY" } }],
    [
      { type: "tool", name: "get_time" },
      { functionCallingConfig: { mode: "ANY", allowedFunctionNames: ["get_time"] } },
    ],
  ])("tool choice %j → toolConfig %j", (toolChoice, expected) => {
    expect(toGeminiGenerateContentBody(request({ tools, toolChoice })).toolConfig).toEqual(expected);
  });

  it("sends no tools and no toolConfig when there are no tools", () => {
    const body = toGeminiGenerateContentBody(request({ toolChoice: { type: "none" } }));
    expect(body).not.toHaveProperty("tools");
    expect(body).not.toHaveProperty("toolConfig");
  });

  it.each<[string, Partial<ChatRequest>, unknown]>([
    [
      "sampling",
      {
        sampling: {
          temperature: 0.2,
          topP: 0.9,
          maxOutputTokens: 256,
          stop: ["END"],
          n: 2,
          seed: 7,
          presencePenalty: 0.1,
          frequencyPenalty: 0.3,
          logitBias: { "1": 2 },
          reasoningEffort: "low",
        },
      },
      {
        temperature: 0.2,
        topP: 0.9,
        maxOutputTokens: 256,
        stopSequences: ["END"],
        candidateCount: 2,
        seed: 7,
        presencePenalty: 0.1,
        frequencyPenalty: 0.3,
      },
    ],
    ["json_object", { responseFormat: { type: "json_object" } }, { responseMimeType: "application/json" }],
    [
      "json_schema, cleaned",
      {
        responseFormat: {
          type: "json_schema",
          name: "echo",
          strict: true,
          schema: { type: "object", properties: { echo: { type: "string" } }, additionalProperties: false },
        },
      },
      {
        responseMimeType: "application/json",
        responseSchema: { type: "object", properties: { echo: { type: "string" } } },
      },
    ],
    ["text", { responseFormat: { type: "text" } }, undefined],
    ["an empty stop list", { sampling: { stop: [] } }, undefined],
  ])("generationConfig from %s", (_name, overrides, expected) => {
    expect(toGeminiGenerateContentBody(request(overrides)).generationConfig).toEqual(expected);
  });

  it("sends providerOptions.gemini as given, merging generationConfig under the canonical fields", () => {
    const body = toGeminiGenerateContentBody(
      request({
        sampling: { temperature: 0.5 },
        providerOptions: {
          gemini: {
            safetySettings: [{ category: "HARM_CATEGORY_HARASSMENT", threshold: "BLOCK_ONLY_HIGH" }],
            generationConfig: { temperature: 1.5, thinkingConfig: { thinkingBudget: 0 } },
            contents: "ignored: the canonical contents win",
          },
          openai: { service_tier: "flex" },
        },
      }),
    );
    expect(body).toEqual({
      safetySettings: [{ category: "HARM_CATEGORY_HARASSMENT", threshold: "BLOCK_ONLY_HIGH" }],
      contents: [{ role: "user", parts: [{ text: "hello" }] }],
      generationConfig: { temperature: 0.5, thinkingConfig: { thinkingBudget: 0 } },
    });
  });
});

describe("toGeminiBatchEmbedBody", () => {
  const embedding = (overrides: Partial<EmbeddingRequest> = {}) =>
    embeddingRequestFor("gemini/gemini-embedding-001", overrides);

  it("sends one request per input with the model resource and outputDimensionality", () => {
    expect(
      toGeminiBatchEmbedBody(
        embedding({ dimensions: 256, providerOptions: { gemini: { taskType: "RETRIEVAL_QUERY" } } }),
        "gemini-embedding-001",
      ),
    ).toEqual({
      requests: [
        {
          taskType: "RETRIEVAL_QUERY",
          model: "models/gemini-embedding-001",
          content: { parts: [{ text: "a" }] },
          outputDimensionality: 256,
        },
        {
          taskType: "RETRIEVAL_QUERY",
          model: "models/gemini-embedding-001",
          content: { parts: [{ text: "b" }] },
          outputDimensionality: 256,
        },
      ],
    });
  });

  it("refuses token arrays", () => {
    expect(() => toGeminiBatchEmbedBody(embedding({ input: [[1, 2]] }), "m")).toThrow(
      expect.objectContaining({ code: "unsupported_feature", param: "input" }),
    );
  });
});

describe("geminiModelResource", () => {
  it.each([
    ["gemini-2.5-flash", "models/gemini-2.5-flash"],
    ["models/gemini-2.5-flash", "models/gemini-2.5-flash"],
    ["tunedModels/my-model-123", "tunedModels/my-model-123"],
  ])("%s → %s", (model, expected) => {
    expect(geminiModelResource(model)).toBe(expected);
  });
});
