// Decides what the mock Cohere "model" answers; shared by the JSON and the stream encoders.
import { randomInt, randomUUID } from "node:crypto";
import { ECHO_SUFFIX, TOOL_ARGUMENTS } from "../mock-openai/chat-reply.js";
import { countWords, isJsonObject, type JsonObject, objectsIn, stringField, textPieces } from "../mock-openai/wire.js";

export interface CohereToolCallAnswer {
  id: string;
  name: string;
  arguments: string;
}

export type CohereAnswer =
  | { kind: "text"; text: string; finishReason: "COMPLETE" | "MAX_TOKENS" }
  | { kind: "tool-calls"; plan: string; calls: CohereToolCallAnswer[] };

export interface CohereReply {
  id: string;
  answer: CohereAnswer;
  usage: JsonObject;
}

/** Cohere counts its own preamble, so `tokens` exceed `billed_units` on input. */
const PREAMBLE_TOKENS = 180;

/** Text of a Cohere content: a string, or its text parts and document data joined with a space. */
export function cohereContentText(content: unknown): string {
  if (typeof content === "string") return content;
  return objectsIn(content)
    .map((part) => {
      if (part["type"] === "text") return stringField(part, "text");
      const document = part["document"];
      if (part["type"] === "document" && isJsonObject(document)) {
        const data = document["data"];
        return typeof data === "string" ? data : JSON.stringify(data);
      }
      return undefined;
    })
    .filter((text): text is string => text !== undefined)
    .join(" ");
}

/** Cohere's ids look like `get_weather_e8p4pn45zt0t`: the tool name and 12 random characters. */
function toolCallId(name: string): string {
  const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
  return `${name}_${Array.from({ length: 12 }, () => alphabet[randomInt(alphabet.length)]).join("")}`;
}

function toolCallsFor(tools: unknown): CohereToolCallAnswer[] {
  return objectsIn(tools)
    .map((tool) => (isJsonObject(tool["function"]) ? stringField(tool["function"], "name") : undefined))
    .filter((name): name is string => name !== undefined)
    .slice(0, 2)
    .map((name) => ({ id: toolCallId(name), name, arguments: TOOL_ARGUMENTS }));
}

/** Cuts the text to `max_tokens` pieces, the way the real model stops mid-sentence. */
function limitText(text: string, maxTokens: unknown): CohereAnswer {
  const pieces = textPieces(text);
  if (typeof maxTokens === "number" && maxTokens > 0 && pieces.length > maxTokens) {
    return { kind: "text", text: pieces.slice(0, maxTokens).join(""), finishReason: "MAX_TOKENS" };
  }
  return { kind: "text", text, finishReason: "COMPLETE" };
}

function answerFor(body: JsonObject): CohereAnswer {
  const messages = objectsIn(body["messages"]);
  const last = messages.at(-1);
  if (last?.["role"] === "tool") {
    return limitText(`Echo: tool result ${cohereContentText(last["content"])}${ECHO_SUFFIX}`, body["max_tokens"]);
  }
  if (last?.["role"] === "user" && body["tool_choice"] !== "NONE") {
    const calls = toolCallsFor(body["tools"]);
    const names = calls.map((call) => call.name).join(" and ");
    if (calls.length > 0) return { kind: "tool-calls", plan: `I will call ${names}.`, calls };
  }
  const lastUser = [...messages].reverse().find((message) => message["role"] === "user");
  const userText = cohereContentText(lastUser?.["content"]);
  const format = body["response_format"];
  if (isJsonObject(format) && format["type"] === "json_object") {
    return limitText(JSON.stringify({ echo: userText }), body["max_tokens"]);
  }
  return limitText(`Echo: ${userText}${ECHO_SUFFIX}`, body["max_tokens"]);
}

function promptWords(messages: JsonObject[]): number {
  let words = 0;
  for (const message of messages) {
    words += countWords(cohereContentText(message["content"]));
    words += countWords(stringField(message, "tool_plan") ?? "");
  }
  return words;
}

function answerWords(answer: CohereAnswer): number {
  if (answer.kind === "text") return countWords(answer.text);
  return countWords(answer.plan) + answer.calls.reduce((sum, call) => sum + countWords(call.arguments), 0);
}

export function planCohereReply(body: JsonObject): CohereReply {
  const answer = answerFor(body);
  const input = promptWords(objectsIn(body["messages"]));
  const output = answerWords(answer);
  return {
    id: randomUUID(),
    answer,
    usage: {
      billed_units: { input_tokens: input, output_tokens: output },
      tokens: { input_tokens: input + PREAMBLE_TOKENS, output_tokens: output + 2 },
      cached_tokens: 0,
    },
  };
}

export function finishReasonOf(answer: CohereAnswer): string {
  return answer.kind === "tool-calls" ? "TOOL_CALL" : answer.finishReason;
}
