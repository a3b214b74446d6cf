import { describe, expect, it } from "vitest";
import type { ChatRequest } from "../../contract/chat-request.js";
import { chatCacheKey, embeddingCacheKey } from "./cache-key.js";
import { canonicalJson } from "./canonical-json.js";

const base: ChatRequest = {
  model: "smart",
  messages: [
    { role: "system", content: [{ type: "text", text: "You are terse." }] },
    { role: "user", content: [{ type: "text", text: "What is the capital of France?" }] },
  ],
  sampling: { temperature: 0 },
  stream: false,
  providerOptions: {},
};

const variant = (change: Partial<ChatRequest>): ChatRequest => ({ ...base, ...change });

describe("chatCacheKey", () => {
  it.each<[string, ChatRequest]>([
    ["another model", variant({ model: "openai/gpt-4o" })],
    [
      "another system prompt",
      variant({
        messages: [
          { role: "system", content: [{ type: "text", text: "You are verbose." }] },
          ...base.messages.slice(1),
        ],
      }),
    ],
    ["a tool list", variant({ tools: [{ type: "function", name: "lookup", parameters: { type: "object" } }] })],
    ["another temperature", variant({ sampling: { temperature: 0.7 } })],
    ["another max tokens", variant({ sampling: { temperature: 0, maxOutputTokens: 10 } })],
    ["a response format", variant({ responseFormat: { type: "json_object" } })],
    ["a provider extra", variant({ providerOptions: { openai: { service_tier: "flex" } } })],
    [
      "an earlier turn",
      variant({
        messages: [
          base.messages[0] ?? { role: "system", content: [] },
          { role: "user", content: [{ type: "text", text: "Hi" }] },
          { role: "assistant", content: [{ type: "text", text: "Hello" }] },
          base.messages[1] ?? { role: "user", content: [] },
        ],
      }),
    ],
  ])("differs for %s", (_name, request) => {
    expect(chatCacheKey(request)).not.toBe(chatCacheKey(base));
  });

  it("ignores fields that cannot change the answer", () => {
    const same = variant({
      stream: true,
      streamIncludeUsage: true,
      user: "someone",
      metadata: { team: "a" },
      providerOptions: { openai: { store: true }, anthropic: { metadata: { x: 1 } } },
    });
    expect(chatCacheKey(same)).toBe(chatCacheKey(base));
  });

  it("does not depend on the order of object keys", () => {
    const reordered = JSON.parse(
      JSON.stringify({
        stream: false,
        providerOptions: {},
        sampling: { temperature: 0 },
        messages: base.messages,
        model: "smart",
      }),
    ) as ChatRequest;
    expect(chatCacheKey(reordered)).toBe(chatCacheKey(base));
  });

  it("uses only the selected fields (and always the model) with selectors", () => {
    const selectors = ["$.messages[-1:]"];
    const otherSystem = variant({
      messages: [{ role: "system", content: [{ type: "text", text: "Other." }] }, ...base.messages.slice(1)],
    });
    expect(chatCacheKey(otherSystem, selectors)).toBe(chatCacheKey(base, selectors));
    expect(chatCacheKey(variant({ model: "other" }), selectors)).not.toBe(chatCacheKey(base, selectors));
  });
});

describe("embeddingCacheKey", () => {
  it("ignores the encoding format but not the input or dimensions", () => {
    const request = { model: "e", input: ["a"], encodingFormat: "float" as const, providerOptions: {} };
    expect(embeddingCacheKey({ ...request, encodingFormat: "base64" })).toBe(embeddingCacheKey(request));
    expect(embeddingCacheKey({ ...request, input: ["b"] })).not.toBe(embeddingCacheKey(request));
    expect(embeddingCacheKey({ ...request, dimensions: 4 })).not.toBe(embeddingCacheKey(request));
  });
});

describe("canonicalJson", () => {
  it("sorts keys and drops undefined fields", () => {
    expect(canonicalJson({ b: 1, a: [{ d: undefined, c: 2 }] })).toBe('{"a":[{"c":2}],"b":1}');
  });
});
