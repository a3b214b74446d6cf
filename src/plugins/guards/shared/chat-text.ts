import type { ChatMessage, MessageRole } from "../../../contract/chat-message.js";
import type { ChatRequest } from "../../../contract/chat-request.js";
import type { ChatResponse } from "../../../contract/chat-response.js";

export const ALL_ROLES: readonly MessageRole[] = ["system", "developer", "user", "assistant", "tool"];

/** The text parts of one message, joined by new lines. */
export function messageText(message: ChatMessage): string {
  const texts: string[] = [];
  for (const part of message.content) {
    if (part.type === "text") texts.push(part.text);
    else if (part.type === "tool-result" && typeof part.content === "string") texts.push(part.content);
  }
  return texts.join("\n");
}

/** The text of the messages with one of `roles`, in order (the prompt a guard judges). */
export function requestText(request: ChatRequest, roles: readonly MessageRole[]): string {
  return request.messages
    .filter((message) => roles.includes(message.role))
    .map(messageText)
    .filter((text) => text.length > 0)
    .join("\n");
}

/** The text of the last user message: what a guard compares against examples. */
export function lastUserText(request: ChatRequest): string {
  const last = [...request.messages].reverse().find((message) => message.role === "user");
  return last ? messageText(last) : "";
}

/** Rewrites each text part of the messages with one of `roles`, in place. */
export async function rewriteRequestText(
  request: ChatRequest,
  roles: readonly MessageRole[],
  rewrite: (text: string) => string | Promise<string>,
): Promise<void> {
  for (const message of request.messages) {
    if (!roles.includes(message.role)) continue;
    for (const [index, part] of message.content.entries()) {
      if (part.type === "text") message.content[index] = { ...part, text: await rewrite(part.text) };
      else if (part.type === "tool-result" && typeof part.content === "string") {
        message.content[index] = { ...part, content: await rewrite(part.content) };
      }
    }
  }
}

/** The answer's text, choice by choice. */
export function responseTexts(response: ChatResponse): string[] {
  return response.choices.map((choice) =>
    choice.content
      .filter((part) => part.type === "text")
      .map((part) => part.text)
      .join(""),
  );
}

/**
 * The response with the text parts of every choice rewritten. A new object, so the pipeline
 * knows the answer changed and does not forward the upstream's original bytes.
 */
export async function rewriteResponseText(
  response: ChatResponse,
  rewrite: (text: string) => string | Promise<string>,
): Promise<ChatResponse> {
  const choices = [];
  for (const choice of response.choices) {
    const content = [];
    for (const part of choice.content) {
      content.push(part.type === "text" ? { ...part, text: await rewrite(part.text) } : part);
    }
    choices.push({ ...choice, content });
  }
  return { ...response, choices };
}
