import type { ReasoningPart, TextPart, ToolCallPart } from "../../contract/chat-message.js";
import type { ChatResponse } from "../../contract/chat-response.js";
import { extraFields } from "../../wire/extra-fields.js";
import { mapBedrockStopReason, withToolCallsRule } from "./map-bedrock-stop-reason.js";
import { mapBedrockUsage } from "./map-bedrock-usage.js";
import type { BedrockContentBlock, BedrockConverseResponse } from "./wire-types.js";

const KNOWN_RESPONSE_FIELDS = new Set(["output", "stopReason", "usage"]);

/** Bedrock's body names neither the answer nor the model: the adapter supplies both. */
export interface BedrockResponseIdentity {
  id: string;
  model: string;
  created: number;
}

/** Decodes a Converse response into the canonical response (one choice). */
export function fromBedrockConverseResponse(
  wire: BedrockConverseResponse,
  identity: BedrockResponseIdentity,
): ChatResponse {
  const content = (wire.output?.message?.content ?? []).flatMap(fromBedrockContentBlock);
  const hasToolCalls = content.some((part) => part.type === "tool-call");
  const providerMetadata = extraFields(wire, KNOWN_RESPONSE_FIELDS);
  return {
    id: identity.id,
    model: identity.model,
    created: identity.created,
    choices: [
      { index: 0, content, finishReason: withToolCallsRule(mapBedrockStopReason(wire.stopReason), hasToolCalls) },
    ],
    ...(wire.usage ? { usage: mapBedrockUsage(wire.usage) } : {}),
    ...(providerMetadata ? { providerMetadata } : {}),
  };
}

/** Text, tool use and reasoning come back; block kinds with no canonical part are left out. */
function fromBedrockContentBlock(block: BedrockContentBlock): Array<TextPart | ReasoningPart | ToolCallPart> {
  if ("text" in block) return [{ type: "text", text: block.text }];
  if ("toolUse" in block) {
    const { toolUseId, name, input } = block.toolUse;
    return [{ type: "tool-call", id: toolUseId, name, arguments: JSON.stringify(input ?? {}) }];
  }
  if ("reasoningContent" in block) {
    const { reasoningText, redactedContent } = block.reasoningContent;
    if (reasoningText) {
      return [
        {
          type: "reasoning",
          text: reasoningText.text,
          ...(reasoningText.signature ? { signature: reasoningText.signature } : {}),
        },
      ];
    }
    // Redacted reasoning is opaque: it rides in `signature` so it can be sent back unchanged.
    if (redactedContent) return [{ type: "reasoning", text: "", signature: redactedContent, redacted: true }];
  }
  return [];
}
