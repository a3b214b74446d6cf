import { describe, expect, it } from "vitest";
import { fromCohereChatResponse, fromCohereEmbedResponse } from "./from-wire.js";
import type { CohereChatResponse } from "./wire-types.js";

const usage = {
  billed_units: { input_tokens: 46, output_tokens: 14 },
  tokens: { input_tokens: 1445, output_tokens: 43 },
  cached_tokens: 992,
};

describe("fromCohereChatResponse", () => {
  const cases: Array<{ name: string; wire: CohereChatResponse; content: unknown[]; unified: string }> = [
    {
      name: "text content",
      wire: {
        id: "2b1de636-9884-4973-ba11-108f95a2d37f",
        message: { role: "assistant", content: [{ type: "text", text: "Hello there." }] },
        finish_reason: "COMPLETE",
        usage,
      },
      content: [{ type: "text", text: "Hello there." }],
      unified: "stop",
    },
    {
      name: "a tool-call turn: the plan becomes text, empty arguments become {}",
      wire: {
        id: "316f0604-ff50-49f6-ba38-c64616e972b4",
        message: {
          role: "assistant",
          tool_plan: "I will use the currentTime tool.",
          tool_calls: [
            { id: "currentTime_tf4dywn8wgnk", type: "function", function: { name: "currentTime", arguments: "" } },
            {
              id: "weather_e8p4pn45zt0t",
              type: "function",
              function: { name: "weather", arguments: '{"city":"Paris"}' },
            },
          ],
        },
        finish_reason: "TOOL_CALL",
        usage,
      },
      content: [
        { type: "text", text: "I will use the currentTime tool." },
        { type: "tool-call", id: "currentTime_tf4dywn8wgnk", name: "currentTime", arguments: "{}" },
        { type: "tool-call", id: "weather_e8p4pn45zt0t", name: "weather", arguments: '{"city":"Paris"}' },
      ],
      unified: "tool_calls",
    },
    {
      name: "thinking becomes reasoning; a cut answer is length",
      wire: {
        id: "c9117d7f-a7e4-499f-b643-a2a1e139687b",
        message: {
          role: "assistant",
          content: [
            { type: "thinking", thinking: "Simple arithmetic." },
            { type: "text", text: "The answer is" },
          ],
        },
        finish_reason: "MAX_TOKENS",
      },
      content: [
        { type: "reasoning", text: "Simple arithmetic." },
        { type: "text", text: "The answer is" },
      ],
      unified: "length",
    },
  ];

  it.each(cases)("$name", ({ wire, content, unified }) => {
    const response = fromCohereChatResponse(wire, "command-a-03-2025");
    expect(response.id).toBe(wire.id);
    expect(response.model).toBe("command-a-03-2025");
    expect(response.created).toBeCloseTo(Date.now() / 1000, -1);
    expect(response.choices).toEqual([{ index: 0, content, finishReason: { unified, raw: wire.finish_reason } }]);
  });

  it("maps usage from tokens and keeps citations", () => {
    const citations = [{ start: 0, end: 5, text: "Hello", sources: [] }];
    const response = fromCohereChatResponse(
      {
        id: "x",
        message: { role: "assistant", content: [{ type: "text", text: "Hello" }], citations },
        finish_reason: "COMPLETE",
        usage,
      },
      "command-a-03-2025",
    );
    expect(response.usage).toEqual({
      inputTokens: 1445,
      outputTokens: 43,
      totalTokens: 1488,
      cachedInputTokens: 992,
      raw: usage,
    });
    expect(response.providerMetadata).toEqual({ citations });
  });
});

describe("fromCohereEmbedResponse", () => {
  it("takes the float vectors and the billed input tokens", () => {
    const response = fromCohereEmbedResponse(
      {
        id: "f5aa3e7b-f011-4c5c-a825-f94669f760e5",
        texts: ["sunny day", "rainy day"],
        embeddings: {
          float: [
            [0.1, 0.2],
            [0.3, 0.4],
          ],
        },
        meta: { api_version: { version: "2" }, billed_units: { input_tokens: 4 } },
        response_type: "embeddings_by_type",
      },
      "embed-v4.0",
    );
    expect(response).toEqual({
      model: "embed-v4.0",
      embeddings: [
        [0.1, 0.2],
        [0.3, 0.4],
      ],
      usage: { inputTokens: 4, outputTokens: 0, totalTokens: 4, raw: { input_tokens: 4 } },
    });
  });
});
