import { describe, expect, it } from "vitest";
import { oddPrototypes } from "../../../test/support/odd-prototypes.js";
import type { ChatRequest } from "../../contract/chat-request.js";
import { GatewayError } from "../../contract/errors.js";
import { toAnthropicMessagesBody } from "../../providers/anthropic/to-wire.js";
import { OPENAI_OWN_WIRE, toOpenAIChatBody } from "../../providers/openai/to-wire.js";
import { decodeAnthropicCountTokensRequest, decodeAnthropicMessagesRequest } from "./decode-request.js";

const base = { model: "smart", max_tokens: 256 };
const user = (content: unknown) => ({ ...base, messages: [{ role: "user", content }] });
const ephemeral = { type: "ephemeral" };

describe("decodeAnthropicMessagesRequest", () => {
  const cases: Array<{ name: string; body: Record<string, unknown>; expected: ChatRequest }> = [
    {
      name: "a string turn with max_tokens",
      body: user("Hi"),
      expected: {
        model: "smart",
        messages: [{ role: "user", content: [{ type: "text", text: "Hi" }] }],
        sampling: { maxOutputTokens: 256 },
        stream: false,
        providerOptions: {},
      },
    },
    {
      name: "a string system prompt becomes the first message",
      body: { ...user("Hi"), system: "Be terse." },
      expected: {
        model: "smart",
        messages: [
          { role: "system", content: [{ type: "text", text: "Be terse." }] },
          { role: "user", content: [{ type: "text", text: "Hi" }] },
        ],
        sampling: { maxOutputTokens: 256 },
        stream: false,
        providerOptions: {},
      },
    },
    {
      name: "system blocks keep cache_control on their parts",
      body: {
        ...user("Hi"),
        system: [
          { type: "text", text: "Rules." },
          { type: "text", text: "Long context.", cache_control: ephemeral },
        ],
      },
      expected: {
        model: "smart",
        messages: [
          {
            role: "system",
            content: [
              { type: "text", text: "Rules." },
              { type: "text", text: "Long context.", providerOptions: { anthropic: { cache_control: ephemeral } } },
            ],
          },
          { role: "user", content: [{ type: "text", text: "Hi" }] },
        ],
        sampling: { maxOutputTokens: 256 },
        stream: false,
        providerOptions: {},
      },
    },
    {
      name: "images from base64 and url sources, documents as file parts",
      body: user([
        { type: "image", source: { type: "base64", media_type: "image/png", data: "iVBOR" }, cache_control: ephemeral },
        { type: "image", source: { type: "url", url: "https://example.com/a.jpg" } },
        { type: "image", source: { type: "file", file_id: "file_01" } },
        { type: "document", source: { type: "base64", media_type: "application/pdf", data: "JVBER" }, title: "a.pdf" },
        { type: "document", source: { type: "text", media_type: "text/plain", data: "plain ✓" } },
        { type: "document", source: { type: "file", file_id: "file_02" } },
        { type: "text", text: "What is this?", citations: null },
      ]),
      expected: {
        model: "smart",
        messages: [
          {
            role: "user",
            content: [
              {
                type: "image",
                url: "data:image/png;base64,iVBOR",
                providerOptions: { anthropic: { cache_control: ephemeral } },
              },
              { type: "image", url: "https://example.com/a.jpg" },
              { type: "file", fileId: "file_01" },
              {
                type: "file",
                data: "data:application/pdf;base64,JVBER",
                mediaType: "application/pdf",
                filename: "a.pdf",
              },
              {
                type: "file",
                data: `data:text/plain;base64,${Buffer.from("plain ✓").toString("base64")}`,
                mediaType: "text/plain",
              },
              { type: "file", fileId: "file_02" },
              { type: "text", text: "What is this?", providerOptions: { anthropic: { citations: null } } },
            ],
          },
        ],
        sampling: { maxOutputTokens: 256 },
        stream: false,
        providerOptions: {},
      },
    },
    {
      name: "a tool round trip: tool_use, then tool_result blocks split into tool messages",
      body: {
        ...base,
        messages: [
          { role: "user", content: "Weather in Paris and Rome?" },
          {
            role: "assistant",
            content: [
              { type: "thinking", thinking: "Two cities.", signature: "EqQB" },
              { type: "redacted_thinking", data: "opaque" },
              { type: "text", text: "Checking." },
              { type: "tool_use", id: "toolu_01", name: "get_weather", input: { city: "Paris" } },
              { type: "tool_use", id: "toolu_02", name: "get_weather", input: { city: "Rome" } },
            ],
          },
          {
            role: "user",
            content: [
              { type: "tool_result", tool_use_id: "toolu_01", content: "21C" },
              {
                type: "tool_result",
                tool_use_id: "toolu_02",
                content: [{ type: "text", text: "no data" }],
                is_error: true,
                cache_control: ephemeral,
              },
              { type: "text", text: "Thanks." },
            ],
          },
        ],
      },
      expected: {
        model: "smart",
        messages: [
          { role: "user", content: [{ type: "text", text: "Weather in Paris and Rome?" }] },
          {
            role: "assistant",
            content: [
              { type: "reasoning", text: "Two cities.", signature: "EqQB" },
              { type: "reasoning", text: "", signature: "opaque", redacted: true },
              { type: "text", text: "Checking." },
              { type: "tool-call", id: "toolu_01", name: "get_weather", arguments: '{"city":"Paris"}' },
              { type: "tool-call", id: "toolu_02", name: "get_weather", arguments: '{"city":"Rome"}' },
            ],
          },
          { role: "tool", content: [{ type: "tool-result", toolCallId: "toolu_01", content: "21C" }] },
          {
            role: "tool",
            content: [
              {
                type: "tool-result",
                toolCallId: "toolu_02",
                content: [{ type: "text", text: "no data" }],
                isError: true,
              },
            ],
            providerOptions: { anthropic: { cache_control: ephemeral } },
          },
          { role: "user", content: [{ type: "text", text: "Thanks." }] },
        ],
        sampling: { maxOutputTokens: 256 },
        stream: false,
        providerOptions: {},
      },
    },
    {
      name: "sampling, tools, tool_choice any, metadata and stream",
      body: {
        ...user("Hi"),
        temperature: 0.3,
        top_p: 0.9,
        stop_sequences: ["END"],
        stream: true,
        tools: [
          {
            name: "get_weather",
            description: "Weather by city",
            input_schema: { type: "object", properties: { city: { type: "string" } } },
            strict: true,
          },
          { type: "custom", name: "noop" },
        ],
        tool_choice: { type: "any", disable_parallel_tool_use: true },
        metadata: { user_id: "user-42" },
      },
      expected: {
        model: "smart",
        messages: [{ role: "user", content: [{ type: "text", text: "Hi" }] }],
        sampling: { maxOutputTokens: 256, temperature: 0.3, topP: 0.9, stop: ["END"] },
        stream: true,
        streamIncludeUsage: true,
        tools: [
          {
            type: "function",
            name: "get_weather",
            description: "Weather by city",
            parameters: { type: "object", properties: { city: { type: "string" } } },
            strict: true,
          },
          { type: "function", name: "noop" },
        ],
        toolChoice: { type: "required" },
        parallelToolCalls: false,
        user: "user-42",
        providerOptions: {},
      },
    },
    {
      name: "fields without a canonical home ride along for Anthropic upstreams",
      body: {
        ...user("Hi"),
        top_k: 5,
        thinking: { type: "enabled", budget_tokens: 1024 },
        service_tier: "auto",
        output_config: { effort: "low" },
        cache_control: ephemeral,
        metadata: { user_id: null },
      },
      expected: {
        model: "smart",
        messages: [{ role: "user", content: [{ type: "text", text: "Hi" }] }],
        sampling: { maxOutputTokens: 256 },
        stream: false,
        providerOptions: {
          anthropic: {
            top_k: 5,
            thinking: { type: "enabled", budget_tokens: 1024 },
            service_tier: "auto",
            output_config: { effort: "low" },
            cache_control: ephemeral,
          },
        },
      },
    },
  ];

  it.each(cases)("$name", ({ body, expected }) => {
    expect(decodeAnthropicMessagesRequest(body)).toEqual(expected);
  });

  it.each([
    [{ type: "auto" }, { type: "auto" }],
    [{ type: "none" }, { type: "none" }],
    [
      { type: "tool", name: "get_weather" },
      { type: "tool", name: "get_weather" },
    ],
  ])("tool_choice %j becomes %j", (wire, canonical) => {
    expect(decodeAnthropicMessagesRequest({ ...user("Hi"), tool_choice: wire }).toolChoice).toEqual(canonical);
  });

  const failures: Array<{ name: string; body: unknown; code: string; param: string | null; message: RegExp }> = [
    { name: "a body that is not an object", body: [1], code: "invalid_request", param: null, message: /JSON object/ },
    {
      name: "max_tokens missing",
      body: { model: "smart", messages: [{ role: "user", content: "Hi" }] },
      code: "invalid_request",
      param: "max_tokens",
      message: /'max_tokens'.*required/,
    },
    {
      name: "model missing",
      body: { max_tokens: 5, messages: [{ role: "user", content: "Hi" }] },
      code: "model_required",
      param: "model",
      message: /'model'/,
    },
    {
      name: "no messages",
      body: { ...base, messages: [] },
      code: "invalid_request",
      param: "messages",
      message: /at least one/,
    },
    {
      name: "a system role inside messages",
      body: { ...base, messages: [{ role: "system", content: "x" }] },
      code: "invalid_request",
      param: "messages[0].role",
      message: /messages\[0\]\.role/,
    },
    {
      name: "a tool_use block in a user turn",
      body: user([{ type: "tool_use", id: "t", name: "n", input: {} }]),
      code: "invalid_request",
      param: "messages[0].content[0].type",
      message: /assistant turns/,
    },
    {
      name: "a tool_result block in an assistant turn",
      body: { ...base, messages: [{ role: "assistant", content: [{ type: "tool_result", tool_use_id: "t" }] }] },
      code: "invalid_request",
      param: "messages[0].content[0].type",
      message: /user turns/,
    },
    {
      name: "an image without a valid source",
      body: user([{ type: "image", source: { type: "base64", data: "x" } }]),
      code: "invalid_request",
      param: "messages[0].content[0].source.media_type",
      message: /source\.media_type/,
    },
    {
      name: "a server tool block",
      body: user([{ type: "server_tool_use", id: "s", name: "web_search", input: {} }]),
      code: "unsupported_feature",
      param: "messages[0].content[0].type",
      message: /"server_tool_use"/,
    },
    {
      name: "a document from a url",
      body: user([{ type: "document", source: { type: "url", url: "https://example.com/a.pdf" } }]),
      code: "unsupported_feature",
      param: "messages[0].content[0].source.type",
      message: /base64/,
    },
    {
      name: "a document inside a tool_result",
      body: user([
        {
          type: "tool_result",
          tool_use_id: "t",
          content: [{ type: "document", source: { type: "file", file_id: "f" } }],
        },
      ]),
      code: "unsupported_feature",
      param: "messages[0].content[0].content[0].type",
      message: /inside a tool_result/,
    },
    {
      name: "a server tool definition",
      body: { ...user("Hi"), tools: [{ type: "web_search_20250305", name: "web_search" }] },
      code: "unsupported_feature",
      param: "tools[0].type",
      message: /server tools/,
    },
    {
      name: "tool_choice tool without a name",
      body: { ...user("Hi"), tool_choice: { type: "tool" } },
      code: "invalid_request",
      param: "tool_choice.name",
      message: /tool_choice\.name/,
    },
  ];

  it.each(failures)("refuses $name with a 400", ({ body, code, param, message }) => {
    let caught: unknown;
    try {
      decodeAnthropicMessagesRequest(body);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(GatewayError);
    const failure = caught as GatewayError;
    expect({ code: failure.code, status: failure.status, param: failure.param }).toEqual({ code, status: 400, param });
    expect(failure.message).toMatch(message);
  });
});

describe("decodeAnthropicCountTokensRequest", () => {
  it("does not need max_tokens", () => {
    const request = decodeAnthropicCountTokensRequest({ model: "smart", messages: [{ role: "user", content: "Hi" }] });
    expect(request.sampling).toEqual({});
    expect(request.messages).toEqual([{ role: "user", content: [{ type: "text", text: "Hi" }] }]);
  });
});

describe("decodeAnthropicMessagesRequest and a body with __proto__ keys", () => {
  // JSON.parse makes "__proto__" an own key at every level; none may become a copy's prototype.
  const body = JSON.parse(
    `{"model":"m","max_tokens":10,"__proto__":{"stream":true,"temperature":9},
      "system":[{"type":"text","text":"s","__proto__":{"type":"image"}}],
      "messages":[{"role":"user","__proto__":{"role":"assistant"},"content":[
        {"type":"text","text":"hi","__proto__":{"cache_control":{"type":"ephemeral"}}},
        {"type":"image","source":{"type":"base64","media_type":"image/png","data":"AA==","__proto__":{"x":1}}}]}]}`,
  );

  it("takes no field from them, and neither wire body made from the request carries one", () => {
    const request = decodeAnthropicMessagesRequest(body);
    expect(request.stream).toBe(false);
    expect(request.sampling).toEqual({ maxOutputTokens: 10 });
    expect(request.messages.map((message) => message.role)).toEqual(["system", "user"]);
    expect(oddPrototypes(request)).toEqual([]);
    const anthropicWire = toAnthropicMessagesBody(request, "claude", { defaultMaxTokens: 1024 });
    expect(anthropicWire.messages).toEqual([
      {
        role: "user",
        content: [
          { type: "text", text: "hi" },
          { type: "image", source: { type: "base64", media_type: "image/png", data: "AA==" } },
        ],
      },
    ]);
    expect(oddPrototypes(anthropicWire)).toEqual([]);
    expect(oddPrototypes(toOpenAIChatBody(request, "gpt", OPENAI_OWN_WIRE))).toEqual([]);
  });
});
