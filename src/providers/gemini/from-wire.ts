import { randomBytes } from "node:crypto";
import type { ReasoningPart, TextPart, ToolCallPart } from "../../contract/chat-message.js";
import type { ChatChoice, ChatResponse } from "../../contract/chat-response.js";
import type { EmbeddingResponse } from "../../contract/embedding.js";
import { blockedPromptFinishReason, mapGeminiFinishReason } from "./map-gemini-finish-reason.js";
import { mapGeminiUsage } from "./map-gemini-usage.js";
import { type GeminiToolCallPart, thoughtSignatureOptions } from "./thought-signature.js";
import type { GeminiToolCallIds } from "./tool-call-ids.js";
import type { GeminiBatchEmbedResponse, GeminiGenerateContentResponse, GeminiPart } from "./wire-types.js";

export type GeminiOutputPart = TextPart | ReasoningPart | ToolCallPart;

/**
 * Decodes a GenerateContentResponse into the canonical response. A prompt Gemini blocked before
 * generating (no candidates, promptFeedback.blockReason) becomes one empty choice that finished
 * with content_filter, as OpenAI answers a filtered prompt, rather than an error.
 */
export function fromGeminiResponse(
  wire: GeminiGenerateContentResponse,
  upstreamModel: string,
  ids: GeminiToolCallIds,
): ChatResponse {
  const choices: ChatChoice[] = (wire.candidates ?? []).map((candidate, position) => {
    const content = fromGeminiParts(candidate.content?.parts ?? [], ids);
    const finishReason = mapGeminiFinishReason(candidate.finishReason);
    if (finishReason.unified === "stop" && content.some((part) => part.type === "tool-call")) {
      finishReason.unified = "tool_calls";
    }
    return { index: candidate.index ?? position, content, finishReason };
  });
  const blockReason = wire.promptFeedback?.blockReason;
  if (choices.length === 0 && blockReason) {
    choices.push({ index: 0, content: [], finishReason: blockedPromptFinishReason(blockReason) });
  }
  return {
    id: geminiResponseId(wire.responseId),
    model: wire.modelVersion ?? upstreamModel,
    created: Math.floor(Date.now() / 1000),
    choices,
    ...(wire.usageMetadata ? { usage: mapGeminiUsage(wire.usageMetadata) } : {}),
  };
}

/** Thought text becomes reasoning, function calls become tool calls; code-execution and media parts are dropped. */
export function fromGeminiParts(parts: readonly GeminiPart[], ids: GeminiToolCallIds): GeminiOutputPart[] {
  const output: GeminiOutputPart[] = [];
  for (const part of parts) {
    const decoded = fromGeminiPart(part, ids);
    if (decoded) output.push(decoded);
  }
  return output;
}

export function fromGeminiPart(part: GeminiPart, ids: GeminiToolCallIds): GeminiOutputPart | undefined {
  if (part.functionCall) {
    const call: GeminiToolCallPart = {
      type: "tool-call",
      id: ids.next(part.functionCall.id),
      name: part.functionCall.name,
      arguments: JSON.stringify(part.functionCall.args ?? {}),
      ...thoughtSignatureOptions(part.thoughtSignature),
    };
    return call;
  }
  if (typeof part.text !== "string") return undefined;
  if (part.thought === true) {
    return {
      type: "reasoning",
      text: part.text,
      ...(part.thoughtSignature === undefined ? {} : { signature: part.thoughtSignature }),
    };
  }
  // Gemini may close a turn with an empty text part that only carries a signature.
  if (part.text === "" && part.thoughtSignature === undefined) return undefined;
  return { type: "text", text: part.text, ...thoughtSignatureOptions(part.thoughtSignature) };
}

/** Gemini's responseId when it sent one; otherwise an id of the same purpose. */
export function geminiResponseId(responseId: string | undefined): string {
  return responseId || `gemini-${randomBytes(12).toString("hex")}`;
}

/** Gemini reports no token usage for embeddings; the canonical response leaves usage out. */
export function fromGeminiBatchEmbedResponse(wire: GeminiBatchEmbedResponse, upstreamModel: string): EmbeddingResponse {
  return { model: upstreamModel, embeddings: wire.embeddings.map((embedding) => embedding.values) };
}
