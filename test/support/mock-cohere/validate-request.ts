// The 400s Cohere gives before generating anything; they catch an adapter that sends OpenAI's
// field names or shapes to Cohere.
import { isJsonObject, type JsonObject, objectsIn, stringField } from "../mock-openai/wire.js";
import { type ErrorReply, invalidRequest } from "./errors.js";

const CHAT_FIELDS = new Set([
  "model",
  "messages",
  "tools",
  "strict_tools",
  "documents",
  "citation_options",
  "response_format",
  "safety_mode",
  "max_tokens",
  "stop_sequences",
  "temperature",
  "seed",
  "frequency_penalty",
  "presence_penalty",
  "k",
  "p",
  "logprobs",
  "tool_choice",
  "thinking",
  "priority",
  "stream",
]);

const ROLES = new Set(["system", "user", "assistant", "tool"]);

function messageProblem(message: JsonObject, index: number): string | undefined {
  const role = stringField(message, "role");
  if (!role || !ROLES.has(role)) return `messages[${index}].role must be one of system, user, assistant, tool`;
  if (role === "tool" && !stringField(message, "tool_call_id")) return `messages[${index}].tool_call_id is required`;
  for (const call of objectsIn(message["tool_calls"])) {
    const definition = call["function"];
    if (!stringField(call, "id") || !isJsonObject(definition) || typeof definition["arguments"] !== "string") {
      return `messages[${index}].tool_calls must have an id and a function with string arguments`;
    }
  }
  const content = message["content"];
  if (role !== "assistant" && content === undefined) return `messages[${index}].content is required`;
  for (const part of objectsIn(content)) {
    const type = stringField(part, "type");
    if (type !== "text" && type !== "image_url" && type !== "document" && type !== "thinking") {
      return `messages[${index}].content type '${type}' is not supported`;
    }
  }
  return undefined;
}

export function chatRequestProblem(body: JsonObject): ErrorReply | undefined {
  for (const field of Object.keys(body)) {
    if (!CHAT_FIELDS.has(field)) return invalidRequest(`unknown field: parameter ${field} is not a valid field`);
  }
  const messages = body["messages"];
  if (!Array.isArray(messages) || messages.length === 0) return invalidRequest("messages must not be empty");
  for (const [index, message] of messages.entries()) {
    if (!isJsonObject(message)) return invalidRequest(`messages[${index}] must be an object`);
    const problem = messageProblem(message, index);
    if (problem) return invalidRequest(problem);
  }
  const toolChoice = body["tool_choice"];
  if (toolChoice !== undefined && toolChoice !== "REQUIRED" && toolChoice !== "NONE") {
    return invalidRequest("tool_choice must be one of REQUIRED, NONE");
  }
  const format = body["response_format"];
  if (format !== undefined && (!isJsonObject(format) || !["text", "json_object"].includes(String(format["type"])))) {
    return invalidRequest("response_format.type must be one of text, json_object");
  }
  if (body["stream"] !== undefined && typeof body["stream"] !== "boolean")
    return invalidRequest("stream must be a boolean");
  return undefined;
}

export function embedRequestProblem(body: JsonObject): ErrorReply | undefined {
  const texts = body["texts"];
  if (!Array.isArray(texts) || texts.length === 0 || !texts.every((text) => typeof text === "string")) {
    return invalidRequest("texts must be a non-empty list of strings");
  }
  if (!stringField(body, "input_type")) return invalidRequest("input_type is required for embed models v3 and higher");
  const types = body["embedding_types"];
  if (!Array.isArray(types) || types.length === 0) return invalidRequest("embedding_types is required");
  return undefined;
}
