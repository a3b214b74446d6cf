// The non-streaming `message` body (providers.md 3.2).
import type { MessageReply } from "./message-reply.js";
import type { JsonObject } from "./wire.js";

export function usageBody(reply: MessageReply): JsonObject {
  return { ...reply.usage, service_tier: "standard" };
}

export function messageBody(reply: MessageReply): JsonObject {
  return {
    id: reply.id,
    type: "message",
    role: "assistant",
    model: reply.model,
    content: reply.blocks,
    stop_reason: reply.stopReason,
    stop_sequence: reply.stopSequence,
    usage: usageBody(reply),
  };
}
