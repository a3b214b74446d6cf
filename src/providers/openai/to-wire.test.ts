import { describe, expect, it } from "vitest";
import type { ChatRequest } from "../../contract/chat-request.js";
import { OPENAI_OWN_WIRE, type OpenAIWireOptions, toOpenAIChatBody } from "./to-wire.js";

const openai = OPENAI_OWN_WIRE;
const compatible: OpenAIWireOptions = {
  streamUsageOption: false,
  maxTokensField: "max_tokens",
  developerAsSystem: true,
};

function request(overrides: Partial<ChatRequest>): ChatRequest {
  return {
    model: "smart",
    messages: [{ role: "user", content: [{ type: "text", text: "hi" }] }],
    sampling: {},
    stream: false,
    providerOptions: {},
    ...overrides,
  };
}

describe("toOpenAIChatBody", () => {
  it.each([
    [
      "the upstream model replaces the client's",
      request({}),
      openai,
      { model: "gpt-4o", messages: [{ role: "user", content: "hi" }] },
    ],
    [
      "OpenAI gets max_completion_tokens and usage in streams",
      request({ stream: true, sampling: { maxOutputTokens: 5 } }),
      openai,
      { max_completion_tokens: 5, stream: true, stream_options: { include_usage: true } },
    ],
    [
      "a compatible vendor gets max_tokens, system for developer, no stream_options",
      request({
        stream: true,
        sampling: { maxOutputTokens: 5 },
        messages: [{ role: "developer", content: [{ type: "text", text: "x" }] }],
      }),
      compatible,
      { max_tokens: 5, stream: true, messages: [{ role: "system", content: "x" }] },
    ],
    [
      "OpenAI extras are sent on, other families' are not",
      request({ providerOptions: { openai: { service_tier: "flex" }, anthropic: { top_k: 5 } } }),
      openai,
      { service_tier: "flex" },
    ],
    [
      "a named tool choice",
      request({ tools: [{ type: "function", name: "f" }], toolChoice: { type: "tool", name: "f" } }),
      openai,
      {
        tools: [{ type: "function", function: { name: "f" } }],
        tool_choice: { type: "function", function: { name: "f" } },
      },
    ],
  ])("%s", (_name, input, options, expected) => {
    expect(toOpenAIChatBody(input, "gpt-4o", options)).toMatchObject(expected);
  });

  it("drops fields the vendor rejects and never sends another family's extras", () => {
    const body = toOpenAIChatBody(
      request({ providerOptions: { openai: { logprobs: true, store: true }, anthropic: { top_k: 5 } } }),
      "m",
      { ...compatible, unsupportedFields: ["store"] },
    );
    expect(body).not.toHaveProperty("store");
    expect(body).not.toHaveProperty("top_k");
  });

  it("encodes an assistant tool call with null content and a tool result", () => {
    const body = toOpenAIChatBody(
      request({
        messages: [
          { role: "assistant", content: [{ type: "tool-call", id: "c1", name: "f", arguments: "{}" }] },
          { role: "tool", content: [{ type: "tool-result", toolCallId: "c1", content: "42" }] },
        ],
      }),
      "m",
      openai,
    );
    expect(body.messages).toEqual([
      {
        role: "assistant",
        content: null,
        tool_calls: [{ id: "c1", type: "function", function: { name: "f", arguments: "{}" } }],
      },
      { role: "tool", tool_call_id: "c1", content: "42" },
    ]);
  });
});
