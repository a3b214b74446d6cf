// The 400s the Messages API gives for a conversation it cannot take: roles, empty content,
// blocks in the wrong turn, and tool_use/tool_result adjacency.
//
// Deliberately stricter than today's API in one place: the API now merges consecutive turns of
// one role, but the mock rejects them with the API's older message, because the gateway
// promises to send properly alternating turns and the tests should notice when it does not.
import { type ErrorReply, invalidRequest } from "./errors.js";
import { blocksOf, isJsonObject, type JsonObject, stringField } from "./wire.js";

const TOOL_USE_ID = /^[a-zA-Z0-9_-]+$/;
const IMAGE_MEDIA_TYPES = new Set(["image/jpeg", "image/png", "image/gif", "image/webp"]);

export function validateMessages(messages: unknown): ErrorReply | undefined {
  if (!Array.isArray(messages)) return invalidRequest("messages: Field required");
  if (messages.length === 0) return invalidRequest("messages: at least one message is required");
  for (const [index, message] of messages.entries()) {
    const problem = validateTurn(message, index, index === messages.length - 1);
    if (problem) return problem;
  }
  const turns = messages as JsonObject[];
  if (turns[0]?.["role"] !== "user") return invalidRequest('messages: first message must use the "user" role');
  for (let index = 1; index < turns.length; index++) {
    const role = turns[index]?.["role"];
    if (role === turns[index - 1]?.["role"]) {
      return invalidRequest(
        `messages: roles must alternate between "user" and "assistant", but found multiple "${role}" roles in a row`,
      );
    }
  }
  return validateToolAdjacency(turns);
}

function validateTurn(message: unknown, index: number, isLast: boolean): ErrorReply | undefined {
  const path = `messages.${index}`;
  if (!isJsonObject(message)) return invalidRequest(`${path}: Input should be a valid dictionary`);
  const role = message["role"];
  if (role === "system") {
    return invalidRequest(
      'messages: Unexpected role "system". The Messages API accepts a top-level `system` parameter, not "system" as an input message role.',
    );
  }
  if (role !== "user" && role !== "assistant")
    return invalidRequest(`${path}.role: Input should be 'user' or 'assistant'`);
  const content = message["content"];
  if (content === undefined) return invalidRequest(`${path}.content: Field required`);
  const blocks = blocksOf(content);
  const empty = content === "" || blocks.length === 0;
  if (empty && !(isLast && role === "assistant")) {
    return invalidRequest(
      `${path}: all messages must have non-empty content except for the optional final assistant message`,
    );
  }
  for (const [blockIndex, block] of blocks.entries()) {
    const problem = validateBlock(block, role, `${path}.content.${blockIndex}`);
    if (problem) return problem;
  }
  return undefined;
}

function validateBlock(block: JsonObject, role: string, path: string): ErrorReply | undefined {
  const type = block["type"];
  if (type === "text" && !stringField(block, "text"))
    return invalidRequest("messages: text content blocks must be non-empty");
  const assistantOnly = type === "tool_use" || type === "thinking" || type === "redacted_thinking";
  if (assistantOnly && role !== "assistant")
    return invalidRequest(`${path}.type: \`${type}\` blocks are only allowed in assistant messages`);
  if (type === "tool_result" && role !== "user")
    return invalidRequest(`${path}.type: \`tool_result\` blocks are only allowed in user messages`);
  if (type === "tool_use") {
    if (!TOOL_USE_ID.test(stringField(block, "id") ?? "")) {
      return invalidRequest(`${path}.id: String should match pattern '^[a-zA-Z0-9_-]+$'`);
    }
    if (!isJsonObject(block["input"])) return invalidRequest(`${path}.input: Input should be a valid dictionary`);
  }
  if (type === "tool_result" && !TOOL_USE_ID.test(stringField(block, "tool_use_id") ?? "")) {
    return invalidRequest(`${path}.tool_use_id: String should match pattern '^[a-zA-Z0-9_-]+$'`);
  }
  if (type === "image") {
    const source = block["source"];
    if (!isJsonObject(source)) return invalidRequest(`${path}.source: Field required`);
    if (source["type"] === "base64" && !IMAGE_MEDIA_TYPES.has(stringField(source, "media_type") ?? "")) {
      return invalidRequest(
        `${path}.source.base64.media_type: Input should be 'image/jpeg', 'image/png', 'image/gif' or 'image/webp'`,
      );
    }
  }
  return undefined;
}

/**
 * Every tool_use needs its tool_result in the very next (user) turn, results first; every
 * tool_result needs its tool_use in the turn just before.
 */
function validateToolAdjacency(turns: JsonObject[]): ErrorReply | undefined {
  for (const [index, turn] of turns.entries()) {
    const blocks = blocksOf(turn["content"]);
    const previousUses = new Set(
      blocksOf(turns[index - 1]?.["content"])
        .filter((block) => block["type"] === "tool_use")
        .map((block) => stringField(block, "id")),
    );
    let seenOther = false;
    for (const [blockIndex, block] of blocks.entries()) {
      if (block["type"] !== "tool_result") {
        seenOther = true;
        continue;
      }
      const id = stringField(block, "tool_use_id");
      if (!previousUses.has(id)) {
        return invalidRequest(
          `messages.${index}.content.${blockIndex}: unexpected \`tool_use_id\` found in \`tool_result\` blocks: ${id}. ` +
            "Each `tool_result` block must have a corresponding `tool_use` block in the previous message.",
        );
      }
      if (seenOther) {
        return invalidRequest(
          `messages.${index}.content.${blockIndex}: \`tool_result\` blocks must come before any other content in a user message.`,
        );
      }
    }
    const uses = blocks.filter((block) => block["type"] === "tool_use").map((block) => stringField(block, "id"));
    const next = turns[index + 1];
    if (uses.length === 0 || next === undefined) continue;
    const results = new Set(
      blocksOf(next["content"])
        .filter((block) => block["type"] === "tool_result")
        .map((block) => stringField(block, "tool_use_id")),
    );
    const missing = uses.filter((id) => !results.has(id));
    if (missing.length > 0) {
      return invalidRequest(
        `messages.${index}: \`tool_use\` ids were found without \`tool_result\` blocks immediately after: ${missing.join(", ")}. ` +
          "Each `tool_use` block must have a corresponding `tool_result` block in the next message.",
      );
    }
  }
  return undefined;
}
