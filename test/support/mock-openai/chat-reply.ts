// Decides what the mock "model" answers to a chat request; shared by the JSON and the stream encoders.
import { newCompletionId, newSystemFingerprint } from "./ids.js";
import {
  contentText,
  countWords,
  type Dialect,
  isJsonObject,
  type JsonObject,
  objectsIn,
  stringField,
  textPieces,
} from "./wire.js";

export interface ToolCallAnswer {
  id: string;
  name: string;
  arguments: string;
}

export type ChatAnswer = { kind: "text"; text: string } | { kind: "tool-calls"; calls: ToolCallAnswer[] };

export interface ChatReply {
  id: string;
  created: number;
  model: string;
  systemFingerprint: string;
  dialect: Dialect;
  answer: ChatAnswer;
  choiceCount: number;
  logprobs: boolean;
  topLogprobs: number;
  includeUsage: boolean;
  usage: JsonObject;
}

/** Appended to every echo so streams always carry a multi-byte UTF-8 character. */
export const ECHO_SUFFIX = " ✓";
export const TOOL_ARGUMENTS = JSON.stringify({ city: "Paris" });

function integerField(object: JsonObject, key: string, min: number, max: number): number | undefined {
  const value = object[key];
  return typeof value === "number" && Number.isInteger(value) && value >= min && value <= max ? value : undefined;
}

function toolName(tool: JsonObject): string | undefined {
  const definition = tool["function"] ?? tool["custom"];
  return isJsonObject(definition) ? stringField(definition, "name") : stringField(tool, "name");
}

function toolCallsFor(tools: unknown): ToolCallAnswer[] {
  return objectsIn(tools)
    .map(toolName)
    .filter((name): name is string => name !== undefined)
    .slice(0, 2)
    .map((name, index) => ({ id: `call_${index + 1}`, name, arguments: TOOL_ARGUMENTS }));
}

function wantsJson(responseFormat: unknown): boolean {
  if (!isJsonObject(responseFormat)) return false;
  return responseFormat["type"] === "json_object" || responseFormat["type"] === "json_schema";
}

export function answerFor(body: JsonObject): ChatAnswer {
  const messages = objectsIn(body["messages"]);
  const last = messages.at(-1);
  if (last?.["role"] === "tool") {
    return { kind: "text", text: `Echo: tool result ${contentText(last["content"])}${ECHO_SUFFIX}` };
  }
  if (last?.["role"] === "user") {
    const calls = toolCallsFor(body["tools"]);
    if (calls.length > 0) return { kind: "tool-calls", calls };
  }
  const lastUser = [...messages].reverse().find((message) => message["role"] === "user");
  const userText = contentText(lastUser?.["content"]);
  if (wantsJson(body["response_format"])) return { kind: "text", text: JSON.stringify({ echo: userText }) };
  return { kind: "text", text: `Echo: ${userText}${ECHO_SUFFIX}` };
}

/** Rough prompt size: the words of every message's text and tool-call arguments. */
function promptTokens(messages: JsonObject[]): number {
  let words = 0;
  for (const message of messages) {
    words += countWords(contentText(message["content"]));
    for (const call of objectsIn(message["tool_calls"])) {
      const definition = call["function"];
      if (isJsonObject(definition)) words += countWords(stringField(definition, "arguments") ?? "");
    }
  }
  return words;
}

function completionTokens(answer: ChatAnswer): number {
  if (answer.kind === "text") return countWords(answer.text);
  return answer.calls.reduce((sum, call) => sum + countWords(`${call.name} ${call.arguments}`), 0);
}

export function usageFor(promptTokenCount: number, completionTokenCount: number): JsonObject {
  return {
    prompt_tokens: promptTokenCount,
    completion_tokens: completionTokenCount,
    total_tokens: promptTokenCount + completionTokenCount,
    prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: 0,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };
}

export function planChatReply(body: JsonObject, model: string, dialect: Dialect): ChatReply {
  const answer = answerFor(body);
  const choiceCount = integerField(body, "n", 1, 128) ?? 1;
  const streamOptions = body["stream_options"];
  return {
    id: newCompletionId(),
    created: Math.floor(Date.now() / 1000),
    model,
    systemFingerprint: newSystemFingerprint(),
    dialect,
    answer,
    choiceCount,
    logprobs: body["logprobs"] === true,
    topLogprobs: integerField(body, "top_logprobs", 0, 20) ?? 0,
    includeUsage: isJsonObject(streamOptions) && streamOptions["include_usage"] === true,
    usage: usageFor(promptTokens(objectsIn(body["messages"])), completionTokens(answer) * choiceCount),
  };
}

/** `logprobs.content` entries for `pieces`, numbered from `firstIndex` so stream chunks agree with the whole. */
export function logprobsEntries(pieces: readonly string[], topLogprobs: number, firstIndex = 0): JsonObject[] {
  return pieces.map((token, offset) => {
    const logprob = -Number((((firstIndex + offset) % 7) * 0.0625 + 0.000123).toFixed(6));
    const alternatives = Array.from({ length: topLogprobs }, (_, rank) => {
      const alternative = rank === 0 ? token : `${token}_${rank}`;
      return { token: alternative, logprob: logprob - 2 * rank, bytes: [...Buffer.from(alternative, "utf8")] };
    });
    return { token, logprob, bytes: [...Buffer.from(token, "utf8")], top_logprobs: alternatives };
  });
}

export function logprobsFor(reply: ChatReply): JsonObject | null {
  if (!reply.logprobs || reply.answer.kind !== "text") return null;
  return { content: logprobsEntries(textPieces(reply.answer.text), reply.topLogprobs), refusal: null };
}
