import { countTokens } from "gpt-tokenizer";
import { describe, expect, it } from "vitest";
import type { ChatRequest } from "../../contract/chat-request.js";
import { estimateInputTokens } from "./estimate-input-tokens.js";

const request = (overrides: Partial<ChatRequest>): ChatRequest => ({
  model: "m",
  messages: [],
  sampling: {},
  stream: false,
  providerOptions: {},
  ...overrides,
});

describe("estimateInputTokens", () => {
  it("counts message text with o200k plus a small overhead per message", () => {
    const text = "The quick brown fox jumps over the lazy dog.";
    const estimate = estimateInputTokens(
      request({
        messages: [
          { role: "system", content: [{ type: "text", text }] },
          { role: "user", content: [{ type: "text", text }] },
        ],
      }),
    );
    expect(estimate).toBe(2 * countTokens(text) + 2 * 3);
  });

  it("counts tools, tool calls, tool results, text documents and a flat amount per image", () => {
    const schema = { type: "object", properties: { city: { type: "string" } } };
    const estimate = estimateInputTokens(
      request({
        messages: [
          {
            role: "user",
            content: [
              { type: "image", url: "data:image/png;base64,iVBOR" },
              {
                type: "file",
                data: `data:text/plain;base64,${Buffer.from("hello there").toString("base64")}`,
                mediaType: "text/plain",
              },
            ],
          },
          {
            role: "assistant",
            content: [{ type: "tool-call", id: "c", name: "get_weather", arguments: '{"city":"Paris"}' }],
          },
          {
            role: "tool",
            content: [{ type: "tool-result", toolCallId: "c", content: [{ type: "text", text: "21C" }] }],
          },
        ],
        tools: [{ type: "function", name: "get_weather", description: "Weather by city", parameters: schema }],
      }),
    );
    const expected =
      3 * 3 +
      1_600 +
      countTokens("hello there") +
      countTokens("get_weather") +
      countTokens('{"city":"Paris"}') +
      countTokens("21C") +
      countTokens("get_weather") +
      countTokens("Weather by city") +
      countTokens(JSON.stringify(schema));
    expect(estimate).toBe(expected);
  });

  it("treats special-token strings in user text as plain text", () => {
    const estimate = estimateInputTokens(
      request({ messages: [{ role: "user", content: [{ type: "text", text: "<|endoftext|>" }] }] }),
    );
    expect(estimate).toBeGreaterThan(3);
  });
});
