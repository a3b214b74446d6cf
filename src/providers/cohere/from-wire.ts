import type { ReasoningPart, TextPart, ToolCallPart } from "../../contract/chat-message.js";
import type { ChatResponse } from "../../contract/chat-response.js";
import type { EmbeddingResponse } from "../../contract/embedding.js";
import { mapCohereFinishReason } from "./map-cohere-finish-reason.js";
import { mapCohereUsage } from "./map-cohere-usage.js";
import type { CohereChatResponse, CohereEmbedResponse } from "./wire-types.js";

/**
 * Decodes a Cohere v2 chat response. Cohere names no model and no creation time, so the model
 * asked for and the time of arrival stand in. tool_plan, the text Cohere writes before its tool
 * calls, becomes text, as an OpenAI model would write it.
 */
export function fromCohereChatResponse(wire: CohereChatResponse, upstreamModel: string): ChatResponse {
  const message = wire.message;
  const content: Array<TextPart | ReasoningPart | ToolCallPart> = [];
  for (const part of message.content ?? []) {
    if (part.type === "text" && part.text) content.push({ type: "text", text: part.text });
    if (part.type === "thinking" && part.thinking) content.push({ type: "reasoning", text: part.thinking });
  }
  if (message.tool_plan) content.push({ type: "text", text: message.tool_plan });
  for (const call of message.tool_calls ?? []) {
    content.push({
      type: "tool-call",
      id: call.id,
      name: call.function.name,
      arguments: call.function.arguments || "{}",
    });
  }
  const hasToolCalls = (message.tool_calls?.length ?? 0) > 0;
  const response: ChatResponse = {
    id: wire.id,
    model: upstreamModel,
    created: Math.floor(Date.now() / 1000),
    choices: [{ index: 0, content, finishReason: mapCohereFinishReason(wire.finish_reason, hasToolCalls) }],
  };
  if (wire.usage) response.usage = mapCohereUsage(wire.usage);
  if (message.citations && message.citations.length > 0) response.providerMetadata = { citations: message.citations };
  return response;
}

export function fromCohereEmbedResponse(wire: CohereEmbedResponse, upstreamModel: string): EmbeddingResponse {
  const inputTokens = wire.meta?.billed_units?.input_tokens ?? 0;
  return {
    model: upstreamModel,
    embeddings: wire.embeddings.float ?? [],
    usage: { inputTokens, outputTokens: 0, totalTokens: inputTokens, raw: wire.meta?.billed_units },
  };
}
