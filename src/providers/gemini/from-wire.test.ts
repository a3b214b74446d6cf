import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { fromGeminiBatchEmbedResponse, fromGeminiResponse } from "./from-wire.js";
import { GeminiToolCallIds } from "./tool-call-ids.js";
import type { GeminiGenerateContentResponse } from "./wire-types.js";

const toolCallFixture = JSON.parse(
  readFileSync(resolve(import.meta.dirname, "__fixtures__/generate-content-tool-calls.json"), "utf8"),
) as GeminiGenerateContentResponse;

function decode(wire: GeminiGenerateContentResponse) {
  return fromGeminiResponse(wire, "gemini-2.5-flash", new GeminiToolCallIds(wire.responseId));
}

describe("fromGeminiResponse", () => {
  it("decodes thoughts, text and whole function calls with synthesised ids and the thought signature", () => {
    const response = decode(toolCallFixture);
    expect(response).toMatchObject({ id: "mAitaKjQHY6qz7IPpLzNwQ8", model: "gemini-2.5-flash" });
    expect(response.created).toBeGreaterThan(1_700_000_000);
    expect(response.choices).toEqual([
      {
        index: 0,
        content: [
          { type: "reasoning", text: "**Planning the lookup**\n\nThe user wants weather and time." },
          { type: "text", text: "Let me check both." },
          {
            type: "tool-call",
            id: "call_mAitaKjQHY6q_0",
            name: "get_weather",
            arguments: '{"city":"Paris","unit":"celsius"}',
            providerOptions: {
              gemini: { thoughtSignature: "CiQBcsjafHaJ0aT6l4Ri2rlsqcAFXt1KbSaqBBuGCb3Ah2wA07oKXwFyyNp8" },
            },
          },
          { type: "tool-call", id: "call_mAitaKjQHY6q_1", name: "get_time", arguments: "{}" },
        ],
        finishReason: { unified: "tool_calls", raw: "STOP" },
      },
    ]);
    expect(response.usage).toEqual({
      inputTokens: 58,
      outputTokens: 96,
      totalTokens: 154,
      reasoningTokens: 65,
      raw: toolCallFixture.usageMetadata,
    });
  });

  it("keeps an id Gemini sent", () => {
    const response = decode({
      candidates: [
        {
          content: { role: "model", parts: [{ functionCall: { id: "fc-9", name: "f", args: { a: 1 } } }] },
          finishReason: "STOP",
        },
      ],
    });
    expect(response.choices[0]?.content[0]).toEqual({ type: "tool-call", id: "fc-9", name: "f", arguments: '{"a":1}' });
  });

  it("keeps the signature of a text part, drops code execution parts and falls back to the upstream model name", () => {
    const response = decode({
      candidates: [
        {
          content: {
            role: "model",
            parts: [{ executableCode: { code: "print(1)" } }, { text: "Hi", thoughtSignature: "c2ln" }],
          },
          finishReason: "MAX_TOKENS",
          index: 0,
        },
      ],
    });
    expect(response.model).toBe("gemini-2.5-flash");
    expect(response.id).toMatch(/^gemini-[0-9a-f]{24}$/);
    expect(response.choices[0]).toEqual({
      index: 0,
      content: [{ type: "text", text: "Hi", providerOptions: { gemini: { thoughtSignature: "c2ln" } } }],
      finishReason: { unified: "length", raw: "MAX_TOKENS" },
    });
    expect(response).not.toHaveProperty("usage");
  });

  it("ends a candidate stopped by the safety filter as content_filter with no content", () => {
    const response = decode({
      candidates: [
        {
          finishReason: "SAFETY",
          index: 0,
          safetyRatings: [{ category: "HARM_CATEGORY_DANGEROUS_CONTENT", probability: "HIGH", blocked: true }],
        },
      ],
      usageMetadata: { promptTokenCount: 8, totalTokenCount: 8 },
    });
    expect(response.choices).toEqual([
      { index: 0, content: [], finishReason: { unified: "content_filter", raw: "SAFETY" } },
    ]);
  });

  it("answers a blocked prompt with one empty choice finished by content_filter", () => {
    const response = decode({
      promptFeedback: { blockReason: "PROHIBITED_CONTENT" },
      usageMetadata: { promptTokenCount: 12, totalTokenCount: 12 },
      modelVersion: "gemini-2.5-flash",
      responseId: "blocked1",
    });
    expect(response.choices).toEqual([
      { index: 0, content: [], finishReason: { unified: "content_filter", raw: "PROHIBITED_CONTENT" } },
    ]);
    expect(response.usage).toMatchObject({ inputTokens: 12, outputTokens: 0, totalTokens: 12 });
  });

  it("numbers the calls of several candidates apart", () => {
    const call = { functionCall: { name: "f", args: {} } };
    const response = decode({
      responseId: "r1",
      candidates: [
        { index: 0, content: { role: "model", parts: [call] }, finishReason: "STOP" },
        { index: 1, content: { role: "model", parts: [call] }, finishReason: "STOP" },
      ],
    });
    const ids = response.choices.flatMap((choice) =>
      choice.content.map((part) => (part.type === "tool-call" ? part.id : "")),
    );
    expect(ids).toEqual(["call_r1_0", "call_r1_1"]);
  });
});

describe("fromGeminiBatchEmbedResponse", () => {
  it("keeps the vectors in order and reports no usage (Gemini gives none)", () => {
    expect(
      fromGeminiBatchEmbedResponse({ embeddings: [{ values: [0.1, 0.2] }, { values: [0.3] }] }, "gemini-embedding-001"),
    ).toEqual({
      model: "gemini-embedding-001",
      embeddings: [[0.1, 0.2], [0.3]],
    });
  });
});
