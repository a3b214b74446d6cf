// Decides what the mock Ollama "model" answers; shared by the JSON and the NDJSON encoders.
import { ECHO_SUFFIX } from "../mock-openai/chat-reply.js";
import { countWords, isJsonObject, type JsonObject, objectsIn, stringField, textPieces } from "../mock-openai/wire.js";

/** Ollama's tool calls carry object arguments and no id. */
export interface OllamaToolCallAnswer {
  name: string;
  arguments: JsonObject;
}

export type OllamaAnswer =
  | { kind: "text"; text: string; doneReason: "stop" | "length" }
  | { kind: "tool-calls"; calls: OllamaToolCallAnswer[] };

export interface OllamaReply {
  model: string;
  /** Set when the request asked for `think`. */
  thinking?: string;
  answer: OllamaAnswer;
  promptEvalCount: number;
  evalCount: number;
}

function toolCallsFor(tools: unknown): OllamaToolCallAnswer[] {
  return objectsIn(tools)
    .map((tool) => (isJsonObject(tool["function"]) ? stringField(tool["function"], "name") : undefined))
    .filter((name): name is string => name !== undefined)
    .slice(0, 2)
    .map((name) => ({ name, arguments: { city: "Paris" } }));
}

/** Cuts the text to `options.num_predict` pieces, the way the real model stops mid-sentence. */
function limitText(text: string, options: unknown): OllamaAnswer {
  const limit = isJsonObject(options) ? options["num_predict"] : undefined;
  const pieces = textPieces(text);
  if (typeof limit === "number" && limit > 0 && pieces.length > limit) {
    return { kind: "text", text: pieces.slice(0, limit).join(""), doneReason: "length" };
  }
  return { kind: "text", text, doneReason: "stop" };
}

function answerFor(body: JsonObject): OllamaAnswer {
  const messages = objectsIn(body["messages"]);
  const last = messages.at(-1);
  if (last?.["role"] === "tool") {
    return limitText(`Echo: tool result ${stringField(last, "content") ?? ""}${ECHO_SUFFIX}`, body["options"]);
  }
  if (last?.["role"] === "user") {
    const calls = toolCallsFor(body["tools"]);
    if (calls.length > 0) return { kind: "tool-calls", calls };
  }
  const lastUser = [...messages].reverse().find((message) => message["role"] === "user");
  const userText = stringField(lastUser ?? {}, "content") ?? "";
  const images = Array.isArray(lastUser?.["images"]) ? lastUser["images"].length : 0;
  const seen = images > 0 ? ` [${images} image${images === 1 ? "" : "s"}]` : "";
  if (body["format"] !== undefined && body["format"] !== "") {
    return limitText(JSON.stringify({ echo: userText }), body["options"]);
  }
  return limitText(`Echo: ${userText}${seen}${ECHO_SUFFIX}`, body["options"]);
}

export function planOllamaReply(body: JsonObject, model: string): OllamaReply {
  const answer = answerFor(body);
  const promptWords = objectsIn(body["messages"]).reduce(
    (sum, message) => sum + countWords(stringField(message, "content") ?? ""),
    0,
  );
  // A call costs about its name and its arguments' two tokens.
  const answerWords = answer.kind === "text" ? countWords(answer.text) : answer.calls.length * 3;
  const thinks = body["think"] === true || typeof body["think"] === "string";
  return {
    model,
    ...(thinks ? { thinking: "The user wants an echo." } : {}),
    answer,
    // Ollama's template adds a few tokens around the messages.
    promptEvalCount: promptWords + 10,
    evalCount: answerWords + 1,
  };
}
