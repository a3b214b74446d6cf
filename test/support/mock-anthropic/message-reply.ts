// Decides what the mock "model" answers; shared by the JSON and the stream encoders.
import { textPieces } from "../mock-openai/wire.js";
import { newMessageId, newThinkingSignature, newToolUseId } from "./ids.js";
import type { InputUsage, PromptCache } from "./prompt-cache.js";
import {
  blocksOf,
  blockWords,
  countWords,
  isJsonObject,
  type JsonObject,
  objectsIn,
  stringField,
  textOf,
} from "./wire.js";

/** Appended to every echo so streams always carry a multi-byte UTF-8 character. */
export const ECHO_SUFFIX = " ✓";
export const TOOL_INPUT: JsonObject = { city: "Paris" };

export type ReplyBlock =
  | { type: "text"; text: string }
  | { type: "thinking"; thinking: string; signature: string }
  | { type: "tool_use"; id: string; name: string; input: JsonObject };

export interface MessageReply {
  id: string;
  model: string;
  blocks: ReplyBlock[];
  stopReason: "end_turn" | "max_tokens" | "stop_sequence" | "tool_use";
  stopSequence: string | null;
  usage: InputUsage & { output_tokens: number };
}

function lastUserText(messages: JsonObject[]): string {
  const lastUser = messages.findLast((message) => message["role"] === "user");
  return textOf(lastUser?.["content"]);
}

/** Tool calls for the last user turn: the forced tool, else up to two (one without parallel use). */
function toolCalls(body: JsonObject): ReplyBlock[] {
  const choice = isJsonObject(body["tool_choice"]) ? body["tool_choice"] : { type: "auto" };
  if (choice["type"] === "none") return [];
  const names = objectsIn(body["tools"])
    .map((tool) => stringField(tool, "name"))
    .filter((name): name is string => name !== undefined);
  const forced = choice["type"] === "tool" ? stringField(choice, "name") : undefined;
  const chosen = forced ? [forced] : names.slice(0, choice["disable_parallel_tool_use"] === true ? 1 : 2);
  const calls = chosen.map((name): ReplyBlock => ({ type: "tool_use", id: newToolUseId(), name, input: TOOL_INPUT }));
  // With tool_choice auto Claude usually says what it is about to do; forced calls come bare.
  if (calls.length > 0 && choice["type"] === "auto")
    return [{ type: "text", text: `I'll use ${chosen.join(" and ")}.` }, ...calls];
  return calls;
}

function answerText(body: JsonObject, messages: JsonObject[]): string {
  const last = messages.at(-1);
  const results = blocksOf(last?.["content"]).filter((block) => block["type"] === "tool_result");
  if (last?.["role"] === "user" && results.length > 0) {
    return `Echo: tool result ${results.map((result) => textOf(result["content"])).join(" ")}${ECHO_SUFFIX}`;
  }
  const format = isJsonObject(body["output_config"]) ? body["output_config"]["format"] : undefined;
  if (isJsonObject(format) && format["type"] === "json_schema") return JSON.stringify({ echo: lastUserText(messages) });
  return `Echo: ${lastUserText(messages)}${ECHO_SUFFIX}`;
}

/** Cuts the text at the first stop sequence, or after `budget` words. */
function limitText(
  text: string,
  stops: string[],
  budget: number,
): Pick<MessageReply, "stopReason" | "stopSequence"> & { text: string } {
  const hits = stops
    .map((stop) => ({ stop, at: text.indexOf(stop) }))
    .filter((hit) => hit.stop !== "" && hit.at !== -1)
    .sort((a, b) => a.at - b.at);
  const first = hits[0];
  const stopped = first ? text.slice(0, first.at) : text;
  if (countWords(stopped) > budget) {
    let kept = "";
    for (const piece of textPieces(stopped)) {
      if (countWords(kept + piece) > budget) break;
      kept += piece;
    }
    return { text: kept, stopReason: "max_tokens", stopSequence: null };
  }
  return first
    ? { text: stopped, stopReason: "stop_sequence", stopSequence: first.stop }
    : { text, stopReason: "end_turn", stopSequence: null };
}

export function planMessageReply(body: JsonObject, model: string, cache: PromptCache): MessageReply {
  const messages = objectsIn(body["messages"]);
  const blocks: ReplyBlock[] = [];
  const thinking = isJsonObject(body["thinking"]) && ["enabled", "adaptive"].includes(String(body["thinking"]["type"]));
  if (thinking) {
    const thought = `The user wrote "${lastUserText(messages)}". I should echo it back.`;
    blocks.push({ type: "thinking", thinking: thought, signature: newThinkingSignature() });
  }
  const last = messages.at(-1);
  const lastHasResults = blocksOf(last?.["content"]).some((block) => block["type"] === "tool_result");
  // A user turn with tools on offer gets tool calls; the turn carrying their results gets text.
  const calls = last?.["role"] === "user" && !lastHasResults ? toolCalls(body) : [];
  let ending: Pick<MessageReply, "stopReason" | "stopSequence">;
  if (calls.length > 0) {
    blocks.push(...calls);
    ending = { stopReason: "tool_use", stopSequence: null };
  } else {
    const budget = Number(body["max_tokens"]) - blocks.reduce((sum, block) => sum + blockWords(block), 0);
    const stops = Array.isArray(body["stop_sequences"]) ? body["stop_sequences"].map(String) : [];
    const limited = limitText(answerText(body, messages), stops, budget);
    if (limited.text !== "") blocks.push({ type: "text", text: limited.text });
    ending = { stopReason: limited.stopReason, stopSequence: limited.stopSequence };
  }
  const outputTokens = blocks.reduce((sum, block) => sum + blockWords(block), 0);
  return {
    id: newMessageId(),
    model,
    blocks,
    ...ending,
    usage: { ...cache.usageFor(body), output_tokens: outputTokens },
  };
}
