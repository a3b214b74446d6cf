// Decides what the mock "model" answers to a generateContent request; shared by the JSON and stream encoders.
import { randomBytes } from "node:crypto";
import { isThinkingModel, SCENARIO } from "./scenarios.js";
import {
  countWords,
  field,
  functionDeclarationNames,
  isJsonObject,
  type JsonObject,
  objectField,
  objectsIn,
  partsOf,
  textOf,
  textPieces,
} from "./wire.js";

export interface FunctionCallAnswer {
  name: string;
  args: JsonObject;
}

export type GeminiAnswer =
  | { kind: "text"; pieces: string[]; finishReason: "STOP" | "MAX_TOKENS" }
  | { kind: "function-calls"; calls: FunctionCallAnswer[] }
  /** The candidate is stopped by the safety filter. */
  | { kind: "safety"; pieces: string[] }
  /** The prompt is blocked before generation. */
  | { kind: "prompt-blocked" };

export interface GeminiReply {
  model: string;
  responseId: string;
  answer: GeminiAnswer;
  candidateCount: number;
  /** The thought summary sent first when thinkingConfig.includeThoughts is true. */
  thought?: string;
  thinking: boolean;
  promptTokens: number;
  /** Tokens of one candidate's answer. */
  answerTokens: number;
  thoughtsTokens?: number;
}

/** Appended to every echo, as the OpenAI mock does, so streams always carry a multi-byte UTF-8 character. */
export const ECHO_SUFFIX = " ✓";
export const CALL_ARGUMENTS: readonly JsonObject[] = [{ city: "Paris" }, { city: "London" }];
export const THOUGHT_TEXT = "**Echoing the request**\n\nThe user wants their words repeated back.";
const THOUGHTS_TOKENS = 24;

/** Like Google's responseIds: 22–23 characters of base64url. */
function newResponseId(): string {
  return randomBytes(17).toString("base64url");
}

function lastUserTurn(contents: JsonObject[]): JsonObject | undefined {
  return [...contents].reverse().find((content) => content["role"] !== "model");
}

/** What a function response said: its "output" (or "error") text, else its JSON. */
function functionResponseText(part: JsonObject): string | undefined {
  const response = objectField(part, "functionResponse");
  if (!response) return undefined;
  const body = response["response"];
  if (isJsonObject(body) && typeof body["output"] === "string") return body["output"];
  if (isJsonObject(body) && typeof body["error"] === "string") return body["error"];
  return JSON.stringify(body ?? {});
}

/** Two parallel calls: the first two declared functions (the first twice when only one is declared). */
function functionCallsFor(body: JsonObject): FunctionCallAnswer[] | undefined {
  const config = objectField(objectField(body, "toolConfig"), "functionCallingConfig");
  const mode = config?.["mode"];
  if (mode === "NONE") return undefined;
  const allowed = field(config, "allowedFunctionNames");
  let names = functionDeclarationNames(body);
  if (mode === "ANY" && Array.isArray(allowed)) names = names.filter((name) => allowed.includes(name));
  const [first, second = first] = names;
  if (first === undefined || second === undefined) return undefined;
  return [first, second].map((name, index) => ({ name, args: { ...CALL_ARGUMENTS[index] } }));
}

function answerFor(body: JsonObject, model: string): GeminiAnswer {
  if (model === SCENARIO.promptBlocked) return { kind: "prompt-blocked" };
  const contents = objectsIn(field(body, "contents"));
  const lastParts = partsOf(contents.at(-1));
  const results = lastParts.map(functionResponseText).filter((text): text is string => text !== undefined);
  const generation = objectField(body, "generationConfig");
  let text: string;
  if (results.length > 0) {
    text = `Echo: tool result ${results.join(" ")}${ECHO_SUFFIX}`;
  } else {
    const calls = contents.at(-1)?.["role"] === "model" ? undefined : functionCallsFor(body);
    if (calls && model !== SCENARIO.safety) return { kind: "function-calls", calls };
    const userText = textOf(partsOf(lastUserTurn(contents)));
    const json = field(generation, "responseMimeType") === "application/json";
    text = json ? JSON.stringify({ echo: userText }) : `Echo: ${userText}${ECHO_SUFFIX}`;
  }
  const pieces = textPieces(text);
  if (model === SCENARIO.safety) return { kind: "safety", pieces: pieces.slice(0, 2) };
  const limit = field(generation, "maxOutputTokens");
  if (typeof limit === "number" && limit > 0 && limit < pieces.length) {
    return { kind: "text", pieces: pieces.slice(0, limit), finishReason: "MAX_TOKENS" };
  }
  return { kind: "text", pieces, finishReason: "STOP" };
}

/** Rough prompt size: the words of every text, call and response in the system instruction and contents. */
function promptTokens(body: JsonObject): number {
  const instruction = objectField(body, "systemInstruction");
  const contents = [...(instruction ? [instruction] : []), ...objectsIn(field(body, "contents"))];
  let words = 0;
  for (const part of contents.flatMap(partsOf)) {
    if (typeof part["text"] === "string") words += countWords(part["text"]);
    const call = objectField(part, "functionCall");
    if (call) words += countWords(`${String(call["name"])} ${JSON.stringify(call["args"] ?? {})}`);
    const response = functionResponseText(part);
    if (response !== undefined) words += countWords(response);
  }
  return Math.max(1, words);
}

function answerTokens(answer: GeminiAnswer): number {
  switch (answer.kind) {
    case "text":
    case "safety":
      return answer.pieces.length;
    case "function-calls":
      return answer.calls.reduce((sum, call) => sum + countWords(`${call.name} ${JSON.stringify(call.args)}`), 0);
    case "prompt-blocked":
      return 0;
  }
}

export function planGeminiReply(body: JsonObject, model: string): GeminiReply {
  const answer = answerFor(body, model);
  const generation = objectField(body, "generationConfig");
  const requested = field(generation, "candidateCount");
  const thinking = isThinkingModel(model);
  const includeThoughts = field(objectField(generation, "thinkingConfig"), "includeThoughts") === true;
  const reply: GeminiReply = {
    model,
    responseId: newResponseId(),
    answer,
    candidateCount: typeof requested === "number" && Number.isInteger(requested) && requested > 0 ? requested : 1,
    thinking,
    promptTokens: promptTokens(body),
    answerTokens: answerTokens(answer),
  };
  if (thinking && answer.kind !== "prompt-blocked") reply.thoughtsTokens = THOUGHTS_TOKENS;
  if (thinking && includeThoughts && answer.kind !== "prompt-blocked") reply.thought = THOUGHT_TEXT;
  return reply;
}
