import type { ReasoningPart, TextPart, ToolCallPart } from "../../contract/chat-message.js";
import type { ChatResponse } from "../../contract/chat-response.js";
import { mapAnthropicStopReason } from "./map-anthropic-stop-reason.js";
import { mapAnthropicUsage } from "./map-anthropic-usage.js";
import type { AnthropicMessageResponse, AnthropicResponseBlock } from "./wire-types.js";

const KNOWN_RESPONSE_FIELDS = new Set(["id", "type", "role", "model", "content", "stop_reason", "usage"]);

/** Decodes a Messages API `message` into the canonical response (one choice). */
export function fromAnthropicMessage(message: AnthropicMessageResponse, created = nowInSeconds()): ChatResponse {
  const content = message.content.flatMap(fromAnthropicBlock);
  const hasToolCalls = content.some((part) => part.type === "tool-call");
  const providerMetadata: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(message)) {
    // stop_sequence is null unless a stop sequence matched; then it names the one that did.
    if (!KNOWN_RESPONSE_FIELDS.has(key) && value !== null) providerMetadata[key] = value;
  }
  return {
    id: message.id,
    model: message.model,
    created,
    choices: [{ index: 0, content, finishReason: mapAnthropicStopReason(message.stop_reason, hasToolCalls) }],
    ...(message.usage ? { usage: mapAnthropicUsage(message.usage) } : {}),
    ...(Object.keys(providerMetadata).length > 0 ? { providerMetadata } : {}),
  };
}

/**
 * text, tool_use and thinking have canonical parts; redacted thinking keeps its opaque data in
 * `signature`. Server tool blocks (web search and the like) ran upstream and have no canonical
 * part; they reach Anthropic clients through the passthrough body only.
 */
function fromAnthropicBlock(block: AnthropicResponseBlock): Array<TextPart | ReasoningPart | ToolCallPart> {
  switch (block.type) {
    case "text":
      return [{ type: "text", text: block.text ?? "" }];
    case "tool_use":
      return [
        {
          type: "tool-call",
          id: block.id ?? "",
          name: block.name ?? "",
          arguments: JSON.stringify(block.input ?? {}),
        },
      ];
    case "thinking":
      return [{ type: "reasoning", text: block.thinking ?? "", signature: block.signature ?? "" }];
    case "redacted_thinking":
      return [{ type: "reasoning", text: "", signature: block.data ?? "", redacted: true }];
    default:
      return [];
  }
}

export function nowInSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
