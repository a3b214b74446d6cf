// Decides what the mock "model" answers to a Converse request; shared by the JSON and the stream encoders.
import { randomBytes } from "node:crypto";
import { countWords, isJsonObject, type JsonObject, objectsIn, stringField, textPieces } from "../mock-openai/wire.js";

export interface ToolUseAnswer {
  toolUseId: string;
  name: string;
  input: JsonObject;
}

export interface ConverseReply {
  /** A signed reasoning block first, when `thinking` is asked for in additionalModelRequestFields. */
  reasoning?: { text: string; signature: string };
  /** Text pieces as the stream sends them; joined they are the whole text. */
  textPieces: string[];
  toolUses: ToolUseAnswer[];
  stopReason: "end_turn" | "tool_use" | "max_tokens" | "stop_sequence";
  usage: {
    inputTokens: number;
    outputTokens: number;
    totalTokens: number;
    cacheReadInputTokens: number;
    cacheWriteInputTokens: number;
  };
}

/** Appended to every echo so streams always carry a multi-byte UTF-8 character. */
export const ECHO_SUFFIX = " ✓";
export const TOOL_INPUT: JsonObject = { city: "Paris" };

/** `tooluse_` + 22 URL-safe characters, like Bedrock's ids. */
function newToolUseId(): string {
  return `tooluse_${randomBytes(16).toString("base64url").slice(0, 22)}`;
}

/** Text of content blocks: text blocks, and the text inside tool results, joined with a space. */
export function blocksText(content: unknown): string {
  return objectsIn(content)
    .flatMap((block) => {
      const text = stringField(block, "text");
      if (text !== undefined) return [text];
      const result = block["toolResult"];
      if (!isJsonObject(result)) return [];
      return objectsIn(result["content"]).map(
        (item) => stringField(item, "text") ?? JSON.stringify(item["json"] ?? ""),
      );
    })
    .join(" ");
}

function lastUserText(messages: JsonObject[]): string {
  for (const message of [...messages].reverse()) {
    if (message["role"] !== "user") continue;
    const text = objectsIn(message["content"])
      .map((block) => stringField(block, "text"))
      .filter((item): item is string => item !== undefined)
      .join(" ");
    if (text) return text;
  }
  return "";
}

function wantsJson(body: JsonObject): boolean {
  const output = body["outputConfig"];
  if (isJsonObject(output) && isJsonObject(output["textFormat"])) return true;
  return objectsIn(body["system"]).some((block) => /\bJSON\b/.test(stringField(block, "text") ?? ""));
}

function toolUsesFor(body: JsonObject): ToolUseAnswer[] {
  const config = body["toolConfig"];
  if (!isJsonObject(config)) return [];
  return objectsIn(config["tools"])
    .map((tool) => (isJsonObject(tool["toolSpec"]) ? stringField(tool["toolSpec"], "name") : undefined))
    .filter((name): name is string => name !== undefined)
    .slice(0, 2)
    .map((name) => ({ toolUseId: newToolUseId(), name, input: TOOL_INPUT }));
}

/** Words of system and message text before the first cachePoint, counted as a cache read. */
function promptTokens(body: JsonObject): { cached: number; uncached: number } {
  const blocks = [
    ...objectsIn(body["system"]),
    ...objectsIn(body["messages"]).flatMap((message) => objectsIn(message["content"])),
  ];
  let cached = 0;
  let uncached = 0;
  let sawCachePoint = false;
  for (const block of blocks) {
    const words = countWords(blocksText([block]));
    if (isJsonObject(block["cachePoint"])) {
      sawCachePoint = true;
      cached += uncached;
      uncached = 0;
    } else {
      uncached += words;
    }
  }
  return sawCachePoint ? { cached, uncached } : { cached: 0, uncached };
}

export function planConverseReply(body: JsonObject): ConverseReply {
  const messages = objectsIn(body["messages"]);
  const last = messages.at(-1);
  const lastIsToolResult = objectsIn(last?.["content"]).some((block) => isJsonObject(block["toolResult"]));
  const toolUses = lastIsToolResult ? [] : toolUsesFor(body);
  const userText = lastUserText(messages);
  let text = "";
  if (lastIsToolResult) text = `Echo: tool result ${blocksText(last?.["content"])}${ECHO_SUFFIX}`;
  else if (toolUses.length === 0)
    text = wantsJson(body) ? JSON.stringify({ echo: userText }) : `Echo: ${userText}${ECHO_SUFFIX}`;
  let pieces = text ? textPieces(text) : [];
  let stopReason: ConverseReply["stopReason"] = toolUses.length > 0 ? "tool_use" : "end_turn";
  const inference = isJsonObject(body["inferenceConfig"]) ? body["inferenceConfig"] : {};
  const stopAt = pieces.findIndex((_, index) =>
    (Array.isArray(inference["stopSequences"]) ? inference["stopSequences"] : []).some(
      (stop) =>
        typeof stop === "string" &&
        stop !== "" &&
        pieces
          .slice(0, index + 1)
          .join("")
          .includes(stop),
    ),
  );
  if (stopAt >= 0) {
    pieces = pieces.slice(0, stopAt);
    stopReason = "stop_sequence";
  }
  const maxTokens = typeof inference["maxTokens"] === "number" ? inference["maxTokens"] : Number.POSITIVE_INFINITY;
  if (pieces.length > maxTokens) {
    pieces = pieces.slice(0, maxTokens);
    stopReason = "max_tokens";
  }
  const additional = body["additionalModelRequestFields"];
  const thinking = isJsonObject(additional) && isJsonObject(additional["thinking"]);
  const reasoning = thinking
    ? { text: `Thinking about: ${userText}`, signature: randomBytes(24).toString("base64") }
    : undefined;
  const prompt = promptTokens(body);
  const outputTokens = pieces.length + toolUses.length * 4 + (reasoning ? countWords(reasoning.text) : 0);
  return {
    ...(reasoning ? { reasoning } : {}),
    textPieces: pieces,
    toolUses,
    stopReason,
    usage: {
      inputTokens: prompt.uncached,
      outputTokens,
      totalTokens: prompt.uncached + prompt.cached + outputTokens,
      cacheReadInputTokens: prompt.cached,
      cacheWriteInputTokens: 0,
    },
  };
}

/** The assistant message of a Converse response. */
export function replyContent(reply: ConverseReply): JsonObject[] {
  const content: JsonObject[] = [];
  if (reply.reasoning) content.push({ reasoningContent: { reasoningText: reply.reasoning } });
  if (reply.textPieces.length > 0) content.push({ text: reply.textPieces.join("") });
  for (const use of reply.toolUses) content.push({ toolUse: use });
  return content;
}
