import type { ChatChoice, ChatResponse } from "../../contract/chat-response.js";
import { anthropicMessageId } from "./anthropic-message-id.js";
import { encodeAnthropicUsage } from "./encode-usage.js";
import { type AnthropicStopReason, toAnthropicStopReason } from "./to-anthropic-stop-reason.js";

/** Encodes the canonical response as an Anthropic `message`. Only choice 0 is representable. */
export function encodeAnthropicMessagesResponse(response: ChatResponse): Record<string, unknown> {
  const choice = response.choices.find((candidate) => candidate.index === 0) ?? response.choices[0];
  const content: Record<string, unknown>[] = [];
  let madeToolCalls = false;
  for (const part of choice?.content ?? []) {
    if (part.type === "reasoning") {
      content.push(
        part.redacted
          ? { type: "redacted_thinking", data: part.signature ?? "" }
          : { type: "thinking", thinking: part.text, signature: part.signature ?? "" },
      );
    } else if (part.type === "text") {
      // Anthropic never sends empty text blocks, and the stream encoder opens none for them.
      if (part.text !== "") content.push({ type: "text", text: part.text });
    } else {
      madeToolCalls = true;
      content.push({ type: "tool_use", id: part.id, name: part.name, input: parseToolInput(part.arguments) });
    }
  }
  if (choice?.refusal) content.push({ type: "text", text: choice.refusal });
  const stopReason = choice ? stopReasonOf(choice, madeToolCalls) : "end_turn";
  const stopSequence = response.providerMetadata?.stop_sequence;
  return {
    id: anthropicMessageId(response.id),
    type: "message",
    role: "assistant",
    model: response.model,
    content,
    stop_reason: stopReason,
    stop_sequence: stopReason === "stop_sequence" && typeof stopSequence === "string" ? stopSequence : null,
    usage: encodeAnthropicUsage(response.usage),
  };
}

function stopReasonOf(choice: ChatChoice, madeToolCalls: boolean): AnthropicStopReason {
  // OpenAI reports a refusal as text beside a plain "stop"; Anthropic has a stop reason for it.
  if (choice.refusal && choice.finishReason.unified === "stop") return "refusal";
  return toAnthropicStopReason(choice.finishReason, madeToolCalls);
}

/**
 * tool_use.input must be an object, while a model may emit arguments that are not JSON (or not
 * an object). Those become `{}`: the client's tool sees no arguments and can report the
 * problem back as a tool_result, which a half-parsed or string input would not allow.
 */
export function parseToolInput(argumentsText: string): Record<string, unknown> {
  if (argumentsText.trim() === "") return {};
  try {
    const parsed: unknown = JSON.parse(argumentsText);
    if (parsed !== null && typeof parsed === "object" && !Array.isArray(parsed))
      return parsed as Record<string, unknown>;
  } catch {
    // Not JSON: fall through to the empty input.
  }
  return {};
}
