import type { ChatMessage, MessageRole } from "../../contract/chat-message.js";
import type { ChatRequest } from "../../contract/chat-request.js";

export interface EmbeddedSelection {
  /** The text to embed: the chosen messages' text parts, one message per line. */
  text: string;
  /** The request with the embedded messages reduced to their role, for the exact scope hash. */
  scope: ChatRequest;
}

/**
 * Picks what the semantic cache compares: among the last `lastMessages` messages, those whose
 * role is listed. Every other message (earlier turns, ignored roles) stays in the scope, so it
 * must match exactly for a hit. Undefined when nothing embeddable was chosen.
 */
export function selectEmbeddedText(
  request: ChatRequest,
  lastMessages: number,
  roles: ReadonlySet<MessageRole>,
): EmbeddedSelection | undefined {
  const firstInWindow = Math.max(0, request.messages.length - lastMessages);
  const texts: string[] = [];
  const messages = request.messages.map((message, index): ChatMessage => {
    if (index < firstInWindow || !roles.has(message.role)) return message;
    const text = messageText(message);
    if (text === undefined) return message;
    texts.push(text);
    return { role: message.role, content: [{ type: "text", text: "<embedded>" }] };
  });
  if (texts.length === 0) return undefined;
  return { text: texts.join("\n"), scope: { ...request, messages } };
}

/** The message's text when it is text only (an image or file can not be compared by its words). */
function messageText(message: ChatMessage): string | undefined {
  const texts: string[] = [];
  for (const part of message.content) {
    if (part.type !== "text") return undefined;
    texts.push(part.text);
  }
  return texts.length > 0 ? texts.join("\n") : undefined;
}

/** Agent loops must not replay stale answers: a turn that ends in a tool result is never served. */
export function endsWithToolResult(request: ChatRequest): boolean {
  const last = request.messages.at(-1);
  return last !== undefined && (last.role === "tool" || last.content.some((part) => part.type === "tool-result"));
}
