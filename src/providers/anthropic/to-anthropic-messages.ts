import type { ChatMessage, ContentPart } from "../../contract/chat-message.js";
import { GatewayError } from "../../contract/errors.js";
import {
  toAnthropicFileBlock,
  toAnthropicImageBlock,
  toAnthropicTextBlock,
  toAnthropicThinkingBlock,
  toAnthropicToolResultBlock,
  toAnthropicToolUseBlock,
} from "./to-anthropic-content.js";
import type { AnthropicContentBlock, AnthropicMessage, AnthropicTextBlock } from "./wire-types.js";

/**
 * Sent as the first user turn when a conversation starts with the assistant: the API answers
 * `messages: first message must use the "user" role` otherwise.
 */
export const CONVERSATION_START_TEXT = ".";

interface WireTurn {
  role: "user" | "assistant";
  content: AnthropicContentBlock[];
}

/**
 * Splits canonical messages into Anthropic's top-level `system` and alternating user/assistant
 * turns: system and developer messages are collected in order, tool results become tool_result
 * blocks of a user turn (placed first, so they sit right after the matching tool_use), and
 * consecutive turns of one role are merged into one.
 */
export function toAnthropicMessages(messages: readonly ChatMessage[]): {
  system?: string | AnthropicTextBlock[];
  messages: AnthropicMessage[];
} {
  const systemBlocks: AnthropicTextBlock[] = [];
  const turns: WireTurn[] = [];
  for (const message of messages) {
    if (message.role === "system" || message.role === "developer") {
      for (const part of message.content) {
        const block = part.type === "text" ? toAnthropicTextBlock(part) : undefined;
        if (block) systemBlocks.push(block);
      }
      continue;
    }
    const role = message.role === "assistant" ? "assistant" : "user";
    const blocks = message.content.flatMap((part) => toBlocks(part, role));
    // A tool message stands for one tool_result block; its extras (cache_control) belong on it.
    if (message.role === "tool") withToolResultExtras(blocks, message.providerOptions?.anthropic);
    if (blocks.length === 0) continue;
    const previous = turns.at(-1);
    if (previous?.role === role) previous.content.push(...blocks);
    else turns.push({ role, content: blocks });
  }
  if (turns[0]?.role === "assistant") {
    turns.unshift({ role: "user", content: [{ type: "text", text: CONVERSATION_START_TEXT }] });
  }
  const result: { system?: string | AnthropicTextBlock[]; messages: AnthropicMessage[] } = {
    messages: turns.map((turn) => ({ role: turn.role, content: collapse(toolResultsFirst(turn.content)) })),
  };
  if (systemBlocks.length > 0) {
    const collapsed = collapse(systemBlocks);
    result.system = typeof collapsed === "string" ? collapsed : systemBlocks;
  }
  return result;
}

function toBlocks(part: ContentPart, role: "user" | "assistant"): AnthropicContentBlock[] {
  switch (part.type) {
    case "text": {
      const block = toAnthropicTextBlock(part);
      return block ? [block] : [];
    }
    case "image":
      return [toAnthropicImageBlock(part)];
    case "file":
      return [toAnthropicFileBlock(part)];
    case "audio":
      throw new GatewayError("unsupported_feature", "Anthropic does not accept audio input.", { param: "messages" });
    case "reasoning": {
      const block = role === "assistant" ? toAnthropicThinkingBlock(part) : undefined;
      return block ? [block] : [];
    }
    case "tool-call":
      return role === "assistant" ? [toAnthropicToolUseBlock(part)] : [];
    case "tool-result":
      return role === "user" ? [toAnthropicToolResultBlock(part)] : [];
  }
}

function withToolResultExtras(blocks: AnthropicContentBlock[], extras: Record<string, unknown> | undefined): void {
  if (!extras) return;
  blocks.forEach((block, index) => {
    if (block.type === "tool_result") blocks[index] = Object.assign({}, extras, block);
  });
}

/** tool_result blocks must open the user turn that follows a tool_use; text after them is allowed. */
function toolResultsFirst(blocks: AnthropicContentBlock[]): AnthropicContentBlock[] {
  if (!blocks.some((block) => block.type === "tool_result")) return blocks;
  return [
    ...blocks.filter((block) => block.type === "tool_result"),
    ...blocks.filter((block) => block.type !== "tool_result"),
  ];
}

/** A lone plain text block goes out as a string, the shortest form the API accepts. */
function collapse<T extends AnthropicContentBlock>(blocks: T[]): string | T[] {
  const only = blocks[0];
  if (blocks.length === 1 && only?.type === "text" && Object.keys(only).length === 2) return only.text as string;
  return blocks;
}
