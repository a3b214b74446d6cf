import { describe, expect, it } from "vitest";
import { fromOllamaChatResponse, fromOllamaEmbedResponse, ollamaCreated } from "./from-wire.js";
import type { OllamaChatLine } from "./wire-types.js";

const counters = {
  total_duration: 182242375,
  load_duration: 41295167,
  prompt_eval_count: 169,
  prompt_eval_duration: 24573166,
  eval_count: 15,
  eval_duration: 115959084,
};

describe("fromOllamaChatResponse", () => {
  const cases: Array<{ name: string; wire: OllamaChatLine; content: unknown[]; unified: string }> = [
    {
      name: "text",
      wire: {
        model: "llama3.2",
        created_at: "2025-07-07T20:22:19.184789Z",
        message: { role: "assistant", content: "The sky is blue." },
        done: true,
        done_reason: "stop",
        ...counters,
      },
      content: [{ type: "text", text: "The sky is blue." }],
      unified: "stop",
    },
    {
      name: "tool calls: object arguments become JSON text, missing ids are call_<n>, stop becomes tool_calls",
      wire: {
        model: "llama3.2",
        created_at: "2025-07-07T20:22:19.184789Z",
        message: {
          role: "assistant",
          content: "",
          tool_calls: [
            { function: { index: 0, name: "get_weather", arguments: { city: "Tokyo", days: 2 } } },
            { id: "call_upstream", function: { index: 1, name: "get_time", arguments: {} } },
          ],
        },
        done: true,
        done_reason: "stop",
        ...counters,
      },
      content: [
        { type: "tool-call", id: "call_0", name: "get_weather", arguments: '{"city":"Tokyo","days":2}' },
        { type: "tool-call", id: "call_upstream", name: "get_time", arguments: "{}" },
      ],
      unified: "tool_calls",
    },
    {
      name: "thinking becomes reasoning; length",
      wire: {
        model: "qwen3",
        created_at: "2025-07-07T20:22:19.184789Z",
        message: { role: "assistant", content: "Blue", thinking: "Rayleigh scattering." },
        done: true,
        done_reason: "length",
        ...counters,
      },
      content: [
        { type: "reasoning", text: "Rayleigh scattering." },
        { type: "text", text: "Blue" },
      ],
      unified: "length",
    },
  ];

  it.each(cases)("$name", ({ wire, content, unified }) => {
    const response = fromOllamaChatResponse(wire, "fallback-model");
    expect(response.id).toMatch(/^chatcmpl-[0-9a-f]{32}$/);
    expect(response.model).toBe(wire.model);
    expect(response.created).toBe(1751919739);
    expect(response.choices).toEqual([{ index: 0, content, finishReason: { unified, raw: wire.done_reason } }]);
    expect(response.usage).toMatchObject({ inputTokens: 169, outputTokens: 15, totalTokens: 184 });
  });

  it("falls back to the upstream model and the current time", () => {
    const response = fromOllamaChatResponse({ message: { role: "assistant", content: "x" }, done: true }, "llama3.2");
    expect(response.model).toBe("llama3.2");
    expect(response.created).toBeCloseTo(Date.now() / 1000, -1);
    expect(ollamaCreated("not a date")).toBeCloseTo(Date.now() / 1000, -1);
  });
});

describe("fromOllamaEmbedResponse", () => {
  it("takes the vectors and prompt_eval_count", () => {
    expect(
      fromOllamaEmbedResponse({ model: "all-minilm", embeddings: [[0.1], [0.2]], prompt_eval_count: 8 }, "x"),
    ).toEqual({
      model: "all-minilm",
      embeddings: [[0.1], [0.2]],
      usage: { inputTokens: 8, outputTokens: 0, totalTokens: 8, raw: { prompt_eval_count: 8 } },
    });
  });
});
