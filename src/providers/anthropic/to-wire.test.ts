import { describe, expect, it } from "vitest";
import type { ChatMessage } from "../../contract/chat-message.js";
import type { ChatRequest } from "../../contract/chat-request.js";
import { GatewayError } from "../../contract/errors.js";
import { toAnthropicToolUseId } from "./to-anthropic-content.js";
import { toAnthropicCountTokensBody, toAnthropicMessagesBody } from "./to-wire.js";

const OPTIONS = { defaultMaxTokens: 4096 };

function chatRequest(overrides: Partial<ChatRequest> = {}): ChatRequest {
  return {
    model: "smart",
    messages: [user("Hi")],
    sampling: {},
    stream: false,
    providerOptions: {},
    ...overrides,
  };
}

function user(text: string): ChatMessage {
  return { role: "user", content: [{ type: "text", text }] };
}

function assistant(text: string): ChatMessage {
  return { role: "assistant", content: [{ type: "text", text }] };
}

function toolMessage(toolCallId: string, content: string): ChatMessage {
  return { role: "tool", content: [{ type: "tool-result", toolCallId, content }] };
}

const WEATHER_CALL: ChatMessage = {
  role: "assistant",
  content: [
    { type: "text", text: "Checking." },
    { type: "tool-call", id: "toolu_01A", name: "get_weather", arguments: '{"city":"Paris"}' },
    { type: "tool-call", id: "toolu_01B", name: "get_time", arguments: "" },
  ],
};

const encode = (request: ChatRequest) => toAnthropicMessagesBody(request, "claude-haiku-4-5", OPTIONS);

describe("toAnthropicMessagesBody", () => {
  it.each<[string, Partial<ChatRequest>, Record<string, unknown>]>([
    [
      "a plain user turn with the default max_tokens",
      {},
      { model: "claude-haiku-4-5", messages: [{ role: "user", content: "Hi" }], max_tokens: 4096 },
    ],
    [
      "sampling: max_tokens, temperature clamped to Anthropic's 0–1, top_p, stop sequences",
      { sampling: { maxOutputTokens: 50, temperature: 1.7, topP: 0.9, stop: ["END"], seed: 7, presencePenalty: 1 } },
      {
        model: "claude-haiku-4-5",
        messages: [{ role: "user", content: "Hi" }],
        max_tokens: 50,
        temperature: 1,
        top_p: 0.9,
        stop_sequences: ["END"],
      },
    ],
    [
      "system and developer messages collected into top-level system blocks, in order",
      {
        messages: [
          { role: "system", content: [{ type: "text", text: "Be terse." }] },
          user("Hi"),
          { role: "developer", content: [{ type: "text", text: "Use French." }] },
        ],
      },
      {
        system: [
          { type: "text", text: "Be terse." },
          { type: "text", text: "Use French." },
        ],
        messages: [{ role: "user", content: "Hi" }],
      },
    ],
    [
      "a lone system text as a string",
      { messages: [{ role: "system", content: [{ type: "text", text: "Be terse." }] }, user("Hi")] },
      { system: "Be terse." },
    ],
    [
      "cache_control on a system text part carried onto its block",
      {
        messages: [
          {
            role: "system",
            content: [
              {
                type: "text",
                text: "Long prefix",
                providerOptions: { anthropic: { cache_control: { type: "ephemeral" } } },
              },
            ],
          },
          user("Hi"),
        ],
      },
      { system: [{ type: "text", text: "Long prefix", cache_control: { type: "ephemeral" } }] },
    ],
    [
      "images: data URLs as base64 sources, http URLs as url sources, extras carried",
      {
        messages: [
          {
            role: "user",
            content: [
              { type: "text", text: "What is this?" },
              { type: "image", url: "data:image/png;base64,iVBORw0KGgo=", detail: "high" },
              {
                type: "image",
                url: "https://example.com/a.jpg",
                providerOptions: { anthropic: { cache_control: { type: "ephemeral" } } },
              },
            ],
          },
        ],
      },
      {
        messages: [
          {
            role: "user",
            content: [
              { type: "text", text: "What is this?" },
              { type: "image", source: { type: "base64", media_type: "image/png", data: "iVBORw0KGgo=" } },
              {
                type: "image",
                source: { type: "url", url: "https://example.com/a.jpg" },
                cache_control: { type: "ephemeral" },
              },
            ],
          },
        ],
      },
    ],
    [
      "consecutive tool results merged into ONE user turn right after the tool_use turn",
      { messages: [user("Weather?"), WEATHER_CALL, toolMessage("toolu_01A", "21C"), toolMessage("toolu_01B", "noon")] },
      {
        messages: [
          { role: "user", content: "Weather?" },
          {
            role: "assistant",
            content: [
              { type: "text", text: "Checking." },
              { type: "tool_use", id: "toolu_01A", name: "get_weather", input: { city: "Paris" } },
              { type: "tool_use", id: "toolu_01B", name: "get_time", input: {} },
            ],
          },
          {
            role: "user",
            content: [
              { type: "tool_result", tool_use_id: "toolu_01A", content: "21C" },
              { type: "tool_result", tool_use_id: "toolu_01B", content: "noon" },
            ],
          },
        ],
      },
    ],
    [
      "a user turn after tool results merged in, tool_result blocks first",
      {
        messages: [
          user("Weather?"),
          { role: "assistant", content: [WEATHER_CALL.content[1]!] },
          toolMessage("toolu_01A", "21C"),
          user("Thanks"),
        ],
      },
      {
        messages: [
          { role: "user", content: "Weather?" },
          {
            role: "assistant",
            content: [{ type: "tool_use", id: "toolu_01A", name: "get_weather", input: { city: "Paris" } }],
          },
          {
            role: "user",
            content: [
              { type: "tool_result", tool_use_id: "toolu_01A", content: "21C" },
              { type: "text", text: "Thanks" },
            ],
          },
        ],
      },
    ],
    [
      "tool results with an error flag, image content and the tool message's extras",
      {
        messages: [
          user("Go"),
          { role: "assistant", content: [{ type: "tool-call", id: "toolu_1", name: "shot", arguments: "not json" }] },
          {
            role: "tool",
            providerOptions: { anthropic: { cache_control: { type: "ephemeral" } } },
            content: [
              {
                type: "tool-result",
                toolCallId: "toolu_1",
                isError: true,
                content: [
                  { type: "text", text: "failed" },
                  { type: "text", text: "" },
                  { type: "image", url: "data:image/gif;base64,R0lG" },
                ],
              },
            ],
          },
        ],
      },
      {
        messages: [
          { role: "user", content: "Go" },
          { role: "assistant", content: [{ type: "tool_use", id: "toolu_1", name: "shot", input: {} }] },
          {
            role: "user",
            content: [
              {
                cache_control: { type: "ephemeral" },
                type: "tool_result",
                tool_use_id: "toolu_1",
                content: [
                  { type: "text", text: "failed" },
                  { type: "image", source: { type: "base64", media_type: "image/gif", data: "R0lG" } },
                ],
                is_error: true,
              },
            ],
          },
        ],
      },
    ],
    [
      "tool ids outside ^[a-zA-Z0-9_-]+$ rewritten alike on tool_use and tool_result",
      {
        messages: [
          user("Go"),
          { role: "assistant", content: [{ type: "tool-call", id: "call.1:a", name: "f", arguments: "{}" }] },
          toolMessage("call.1:a", "ok"),
        ],
      },
      {
        messages: [
          { role: "user", content: "Go" },
          {
            role: "assistant",
            content: [{ type: "tool_use", id: toAnthropicToolUseId("call.1:a"), name: "f", input: {} }],
          },
          {
            role: "user",
            content: [{ type: "tool_result", tool_use_id: toAnthropicToolUseId("call.1:a"), content: "ok" }],
          },
        ],
      },
    ],
    [
      "a conversation starting with the assistant gets a minimal user turn first",
      { messages: [assistant("How can I help?"), user("Hi")] },
      {
        messages: [
          { role: "user", content: "." },
          { role: "assistant", content: "How can I help?" },
          { role: "user", content: "Hi" },
        ],
      },
    ],
    [
      "consecutive user turns merged; empty text and empty turns dropped",
      { messages: [user("One"), user(""), user("Two"), assistant("")] },
      {
        messages: [
          {
            role: "user",
            content: [
              { type: "text", text: "One" },
              { type: "text", text: "Two" },
            ],
          },
        ],
      },
    ],
    [
      "signed thinking and redacted thinking echoed back; unsigned reasoning dropped",
      {
        messages: [
          user("Hi"),
          {
            role: "assistant",
            content: [
              { type: "reasoning", text: "Let me think.", signature: "sig-1" },
              { type: "reasoning", text: "", signature: "opaque", redacted: true },
              { type: "reasoning", text: "From another provider" },
              { type: "text", text: "Hello" },
            ],
          },
          user("Again"),
        ],
      },
      {
        messages: [
          { role: "user", content: "Hi" },
          {
            role: "assistant",
            content: [
              { type: "thinking", thinking: "Let me think.", signature: "sig-1" },
              { type: "redacted_thinking", data: "opaque" },
              { type: "text", text: "Hello" },
            ],
          },
          { role: "user", content: "Again" },
        ],
      },
    ],
    [
      "files: PDF and text documents, a Files API id, an image file id",
      {
        messages: [
          {
            role: "user",
            content: [
              { type: "file", data: "data:application/pdf;base64,JVBERi0=", filename: "a.pdf" },
              { type: "file", data: `data:text/plain;base64,${Buffer.from("plain ✓").toString("base64")}` },
              { type: "file", fileId: "file_01" },
              { type: "file", fileId: "file_02", mediaType: "image/png" },
            ],
          },
        ],
      },
      {
        messages: [
          {
            role: "user",
            content: [
              {
                type: "document",
                source: { type: "base64", media_type: "application/pdf", data: "JVBERi0=" },
                title: "a.pdf",
              },
              { type: "document", source: { type: "text", media_type: "text/plain", data: "plain ✓" } },
              { type: "document", source: { type: "file", file_id: "file_01" } },
              { type: "image", source: { type: "file", file_id: "file_02" } },
            ],
          },
        ],
      },
    ],
    [
      "tools with input_schema, strict only when true, tool_choice required → any",
      {
        tools: [
          {
            type: "function",
            name: "get_weather",
            description: "Weather",
            parameters: { type: "object" },
            strict: true,
          },
          { type: "function", name: "ping", strict: false },
        ],
        toolChoice: { type: "required" },
      },
      {
        tools: [
          { name: "get_weather", input_schema: { type: "object" }, description: "Weather", strict: true },
          { name: "ping", input_schema: { type: "object", properties: {} } },
        ],
        tool_choice: { type: "any" },
      },
    ],
    [
      "response_format json_schema → output_config.format, keeping other output_config fields",
      {
        responseFormat: { type: "json_schema", name: "answer", schema: { type: "object" } },
        providerOptions: { anthropic: { output_config: { effort: "low" } } },
      },
      { output_config: { effort: "low", format: { type: "json_schema", schema: { type: "object" } } } },
    ],
    [
      "providerOptions.anthropic spread in (thinking, top_k); user → metadata.user_id next to client metadata",
      {
        user: "user-42",
        metadata: { trace: "x" },
        providerOptions: {
          anthropic: { thinking: { type: "enabled", budget_tokens: 1024 }, top_k: 5, metadata: { tenant: "a" } },
          openai: { service_tier: "flex" },
        },
      },
      {
        thinking: { type: "enabled", budget_tokens: 1024 },
        top_k: 5,
        metadata: { tenant: "a", user_id: "user-42" },
      },
    ],
    ["stream: true only when streaming", { stream: true }, { stream: true }],
  ])("encodes %s", (_name, overrides, expected) => {
    const body = encode(chatRequest(overrides));
    expect(body).toMatchObject(expected);
    if ("messages" in expected) expect(body.messages).toEqual(expected.messages);
    if (!("metadata" in expected)) expect(body).not.toHaveProperty("metadata");
  });

  it("sends exactly the expected body for a plain request (nothing OpenAI-only leaks)", () => {
    const body = encode(
      chatRequest({
        sampling: { n: 1, logprobs: true, logitBias: { "1": 1 }, reasoningEffort: "low" },
        responseFormat: { type: "json_object" },
        parallelToolCalls: false,
      }),
    );
    expect(body).toEqual({ model: "claude-haiku-4-5", messages: [{ role: "user", content: "Hi" }], max_tokens: 4096 });
  });

  it.each([
    ["auto", { type: "auto" }, undefined, { type: "auto" }],
    ["none", { type: "none" }, undefined, { type: "none" }],
    ["a named tool", { type: "tool", name: "f" }, undefined, { type: "tool", name: "f" }],
    ["required without parallel calls", { type: "required" }, false, { type: "any", disable_parallel_tool_use: true }],
    ["no choice without parallel calls", undefined, false, { type: "auto", disable_parallel_tool_use: true }],
    ["no choice", undefined, undefined, undefined],
  ] as const)("maps tool_choice %s", (_name, toolChoice, parallelToolCalls, expected) => {
    const body = encode(
      chatRequest({
        tools: [{ type: "function", name: "f" }],
        ...(toolChoice ? { toolChoice } : {}),
        ...(parallelToolCalls === undefined ? {} : { parallelToolCalls }),
      }),
    );
    expect(body.tool_choice).toEqual(expected);
  });

  it("omits tool_choice when there are no tools", () => {
    expect(encode(chatRequest({ toolChoice: { type: "required" } }))).not.toHaveProperty("tool_choice");
  });

  it.each<[string, Partial<ChatRequest>, string]>([
    ["n > 1", { sampling: { n: 2 } }, "unsupported_feature"],
    [
      "audio input",
      { messages: [{ role: "user", content: [{ type: "audio", data: "AAA", format: "wav" }] }] },
      "unsupported_feature",
    ],
    [
      "a file of an unsupported type",
      { messages: [{ role: "user", content: [{ type: "file", data: "data:audio/wav;base64,AAA" }] }] },
      "unsupported_feature",
    ],
  ])("rejects %s before calling the upstream", (_name, overrides, code) => {
    const failure = (() => {
      try {
        encode(chatRequest(overrides));
      } catch (error) {
        return error;
      }
    })();
    expect(failure).toBeInstanceOf(GatewayError);
    expect(failure).toMatchObject({ code, status: 400 });
  });
});

describe("toAnthropicCountTokensBody", () => {
  it("keeps the conversation and tools, drops what count_tokens rejects", () => {
    const body = toAnthropicCountTokensBody(
      chatRequest({
        messages: [{ role: "system", content: [{ type: "text", text: "Be terse." }] }, user("Hi")],
        sampling: { maxOutputTokens: 10, temperature: 0.5 },
        tools: [{ type: "function", name: "f" }],
        user: "u",
        stream: true,
        providerOptions: { anthropic: { thinking: { type: "enabled", budget_tokens: 1024 }, top_k: 3 } },
      }),
      "claude-haiku-4-5",
      OPTIONS,
    );
    expect(body).toEqual({
      model: "claude-haiku-4-5",
      system: "Be terse.",
      messages: [{ role: "user", content: "Hi" }],
      tools: [{ name: "f", input_schema: { type: "object", properties: {} } }],
      thinking: { type: "enabled", budget_tokens: 1024 },
    });
  });
});

describe("toAnthropicToolUseId", () => {
  it.each([
    ["toolu_01A09q90qw90lq917835lq9", "toolu_01A09q90qw90lq917835lq9"],
    ["call_abc-123", "call_abc-123"],
  ])("keeps a valid id %s", (id, expected) => {
    expect(toAnthropicToolUseId(id)).toBe(expected);
  });

  it("rewrites other ids deterministically and keeps near-identical ids apart", () => {
    const dotted = toAnthropicToolUseId("call.1");
    expect(dotted).toMatch(/^call_1_[0-9a-f]{8}$/);
    expect(toAnthropicToolUseId("call.1")).toBe(dotted);
    expect(toAnthropicToolUseId("call:1")).not.toBe(dotted);
  });
});
