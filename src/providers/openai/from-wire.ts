import type { ReasoningPart, TextPart, ToolCallPart } from "../../contract/chat-message.js";
import type { ChatChoice, ChatResponse } from "../../contract/chat-response.js";
import type { EmbeddingResponse } from "../../contract/embedding.js";
import { extraFields } from "../../wire/extra-fields.js";
import { mapOpenAIFinishReason } from "./map-openai-finish-reason.js";
import { mapOpenAIUsage } from "./map-openai-usage.js";
import type { OpenAIChatCompletion, OpenAIEmbeddingResponse, OpenAIMessage } from "./wire-types.js";

const KNOWN_RESPONSE_FIELDS = new Set(["id", "object", "created", "model", "choices", "usage"]);

/** Decodes an OpenAI chat.completion into the canonical response. */
export function fromOpenAIChatCompletion(completion: OpenAIChatCompletion): ChatResponse {
  const providerMetadata = extraFields(completion, KNOWN_RESPONSE_FIELDS);
  return {
    id: completion.id,
    model: completion.model,
    created: completion.created,
    choices: completion.choices.map((choice): ChatChoice => {
      const content = fromOpenAIAssistantMessage(choice.message);
      const hasToolCalls = content.some((part) => part.type === "tool-call");
      const finishReason = mapOpenAIFinishReason(choice.finish_reason);
      if (hasToolCalls && finishReason.unified === "stop") finishReason.unified = "tool_calls";
      const mapped: ChatChoice = { index: choice.index, content, finishReason };
      if (choice.message.refusal) mapped.refusal = choice.message.refusal;
      if (choice.logprobs != null) mapped.logprobs = choice.logprobs;
      return mapped;
    }),
    ...(completion.usage ? { usage: mapOpenAIUsage(completion.usage) } : {}),
    ...(providerMetadata ? { providerMetadata } : {}),
  };
}

function fromOpenAIAssistantMessage(message: OpenAIMessage): Array<TextPart | ReasoningPart | ToolCallPart> {
  const parts: Array<TextPart | ReasoningPart | ToolCallPart> = [];
  if (typeof message.reasoning_content === "string" && message.reasoning_content) {
    parts.push({ type: "reasoning", text: message.reasoning_content });
  }
  if (typeof message.content === "string") {
    parts.push({ type: "text", text: message.content });
  } else if (Array.isArray(message.content)) {
    for (const part of message.content) if (part.type === "text") parts.push({ type: "text", text: part.text ?? "" });
  }
  for (const call of message.tool_calls ?? []) {
    parts.push({ type: "tool-call", id: call.id, name: call.function.name, arguments: call.function.arguments });
  }
  return parts;
}

export function fromOpenAIEmbeddingResponse(wire: OpenAIEmbeddingResponse): EmbeddingResponse {
  const sorted = [...wire.data].sort((a, b) => a.index - b.index);
  const inputTokens = wire.usage?.prompt_tokens ?? 0;
  return {
    model: wire.model,
    embeddings: sorted.map((item) =>
      typeof item.embedding === "string" ? decodeBase64Floats(item.embedding) : item.embedding,
    ),
    usage: { inputTokens, outputTokens: 0, totalTokens: wire.usage?.total_tokens ?? inputTokens, raw: wire.usage },
  };
}

/** OpenAI's base64 embeddings are little-endian float32 arrays. */
export function decodeBase64Floats(encoded: string): number[] {
  const bytes = Buffer.from(encoded, "base64");
  const values = new Array<number>(bytes.byteLength >> 2);
  for (let index = 0; index < values.length; index++) values[index] = bytes.readFloatLE(index * 4);
  return values;
}
