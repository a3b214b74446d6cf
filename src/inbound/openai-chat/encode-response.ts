import type { ChatResponse } from "../../contract/chat-response.js";
import type { Usage } from "../../contract/usage.js";
import { toolCallExtrasToWire } from "../../wire/openai-tool-call-extras.js";

/** Encodes the canonical response as an OpenAI chat.completion object. */
export function encodeOpenAIChatResponse(response: ChatResponse): Record<string, unknown> {
  return {
    id: response.id,
    object: "chat.completion",
    created: response.created,
    model: response.model,
    choices: response.choices.map((choice) => {
      let text: string | null = null;
      let reasoning: string | undefined;
      const toolCalls: unknown[] = [];
      for (const part of choice.content) {
        if (part.type === "text") text = (text ?? "") + part.text;
        else if (part.type === "reasoning") reasoning = (reasoning ?? "") + part.text;
        else
          toolCalls.push({
            id: part.id,
            type: "function",
            function: { name: part.name, arguments: part.arguments },
            ...toolCallExtrasToWire(part.providerOptions),
          });
      }
      const message: Record<string, unknown> = { role: "assistant", content: text, refusal: choice.refusal ?? null };
      if (reasoning !== undefined) message.reasoning_content = reasoning;
      if (toolCalls.length > 0) message.tool_calls = toolCalls;
      return {
        index: choice.index,
        message,
        logprobs: choice.logprobs ?? null,
        finish_reason: choice.finishReason.unified === "other" ? "stop" : choice.finishReason.unified,
      };
    }),
    ...(response.usage ? { usage: encodeOpenAIUsage(response.usage) } : {}),
    ...response.providerMetadata,
  };
}

export function encodeOpenAIUsage(usage: Usage): Record<string, unknown> {
  const encoded: Record<string, unknown> = {
    prompt_tokens: usage.inputTokens,
    completion_tokens: usage.outputTokens,
    total_tokens: usage.totalTokens,
  };
  if (usage.cachedInputTokens !== undefined) encoded.prompt_tokens_details = { cached_tokens: usage.cachedInputTokens };
  if (usage.reasoningTokens !== undefined)
    encoded.completion_tokens_details = { reasoning_tokens: usage.reasoningTokens };
  return encoded;
}
