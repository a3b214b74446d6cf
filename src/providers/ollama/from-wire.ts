import { randomUUID } from "node:crypto";
import type { ReasoningPart, TextPart, ToolCallPart } from "../../contract/chat-message.js";
import type { ChatResponse } from "../../contract/chat-response.js";
import type { EmbeddingResponse } from "../../contract/embedding.js";
import { mapOllamaFinishReason } from "./map-ollama-finish-reason.js";
import { mapOllamaUsage } from "./map-ollama-usage.js";
import type { OllamaChatLine, OllamaEmbedResponse, OllamaToolCall } from "./wire-types.js";

/** Decodes the answer of `/api/chat` with stream false: one object shaped like a stream's final line. */
export function fromOllamaChatResponse(wire: OllamaChatLine, upstreamModel: string): ChatResponse {
  const message = wire.message ?? {};
  const content: Array<TextPart | ReasoningPart | ToolCallPart> = [];
  if (message.thinking) content.push({ type: "reasoning", text: message.thinking });
  if (message.content) content.push({ type: "text", text: message.content });
  const toolCalls = (message.tool_calls ?? []).map(fromOllamaToolCall);
  content.push(...toolCalls);
  return {
    id: newOllamaResponseId(),
    model: wire.model ?? upstreamModel,
    created: ollamaCreated(wire.created_at),
    choices: [{ index: 0, content, finishReason: mapOllamaFinishReason(wire.done_reason, toolCalls.length > 0) }],
    usage: mapOllamaUsage(wire),
  };
}

/**
 * Ollama's calls carry object arguments and (in most versions) no id: the arguments become JSON
 * text, and the n-th call of an answer is named `call_<n>`.
 */
export function fromOllamaToolCall(call: OllamaToolCall, index: number): ToolCallPart {
  return {
    type: "tool-call",
    id: call.id || `call_${index}`,
    name: call.function?.name ?? "",
    arguments: JSON.stringify(call.function?.arguments ?? {}),
  };
}

export function fromOllamaEmbedResponse(wire: OllamaEmbedResponse, upstreamModel: string): EmbeddingResponse {
  const inputTokens = wire.prompt_eval_count ?? 0;
  return {
    model: wire.model ?? upstreamModel,
    embeddings: wire.embeddings,
    usage: {
      inputTokens,
      outputTokens: 0,
      totalTokens: inputTokens,
      raw: { prompt_eval_count: wire.prompt_eval_count },
    },
  };
}

/** Ollama answers carry no id; clients get one in OpenAI's style. */
export function newOllamaResponseId(): string {
  return `chatcmpl-${randomUUID().replaceAll("-", "")}`;
}

/** Seconds since the epoch from Ollama's `created_at` (RFC 3339 with nanoseconds), else now. */
export function ollamaCreated(createdAt: string | undefined): number {
  const parsed = createdAt === undefined ? Number.NaN : Date.parse(createdAt);
  return Math.floor((Number.isFinite(parsed) ? parsed : Date.now()) / 1000);
}
