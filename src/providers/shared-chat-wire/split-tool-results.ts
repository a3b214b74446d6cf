import type { ChatMessage, ContentPart, ToolResultPart } from "../../contract/chat-message.js";

/** A message's tool results, and the rest, for a provider that wants each result as its own tool message. */
export function splitToolResults(message: ChatMessage): { results: ToolResultPart[]; rest: ContentPart[] } {
  const results = message.content.filter((part): part is ToolResultPart => part.type === "tool-result");
  const rest = message.content.filter((part) => part.type !== "tool-result");
  return { results, rest };
}
