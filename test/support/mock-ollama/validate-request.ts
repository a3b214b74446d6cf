// The 400s Ollama gives before generating anything. Ollama is written in Go: unknown fields are
// ignored, but a field of the wrong JSON type fails to unmarshal.
import { isJsonObject, type JsonObject, objectsIn, stringField } from "../mock-openai/wire.js";
import { type ErrorReply, ollamaError } from "./errors.js";

const ROLES = new Set(["system", "user", "assistant", "tool"]);
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function unmarshalError(jsonType: string, field: string, goType: string): ErrorReply {
  return ollamaError(400, `json: cannot unmarshal ${jsonType} into Go struct field ${field} of type ${goType}`);
}

function jsonType(value: unknown): string {
  if (Array.isArray(value)) return "array";
  if (value === null) return "null";
  return typeof value === "object" ? "object" : typeof value;
}

function messageProblem(message: JsonObject): ErrorReply | undefined {
  const role = stringField(message, "role");
  if (!role || !ROLES.has(role)) return ollamaError(400, `invalid role: ${String(message["role"])}`);
  const content = message["content"];
  if (content !== undefined && typeof content !== "string") {
    return unmarshalError(jsonType(content), "ChatRequest.messages.content", "string");
  }
  for (const image of Array.isArray(message["images"]) ? message["images"] : []) {
    if (typeof image !== "string" || !BASE64.test(image)) {
      // Go's base64 decoder stops at the first byte outside the alphabet (the ":" of "data:").
      const at = typeof image === "string" ? [...image].findIndex((character) => !/[A-Za-z0-9+/=]/.test(character)) : 0;
      return ollamaError(400, `illegal base64 data at input byte ${Math.max(0, at)}`);
    }
  }
  for (const call of objectsIn(message["tool_calls"])) {
    const definition = call["function"];
    const args = isJsonObject(definition) ? definition["arguments"] : undefined;
    if (!isJsonObject(args)) {
      const field = "ChatRequest.messages.tool_calls.function.arguments";
      return unmarshalError(jsonType(args), field, "api.ToolCallFunctionArguments");
    }
  }
  return undefined;
}

export function chatRequestProblem(body: JsonObject): ErrorReply | undefined {
  const messages = body["messages"] ?? [];
  if (!Array.isArray(messages)) return unmarshalError(jsonType(messages), "ChatRequest.messages", "[]api.Message");
  for (const message of messages) {
    if (!isJsonObject(message)) return unmarshalError(jsonType(message), "ChatRequest.messages", "api.Message");
    const problem = messageProblem(message);
    if (problem) return problem;
  }
  const format = body["format"];
  if (format !== undefined && format !== "json" && format !== "" && !isJsonObject(format)) {
    return ollamaError(400, `invalid format: ${JSON.stringify(format)}; expected "json" or a valid JSON Schema`);
  }
  const options = body["options"];
  if (options !== undefined && !isJsonObject(options)) {
    return unmarshalError(jsonType(options), "ChatRequest.options", "map[string]interface {}");
  }
  if (body["stream"] !== undefined && typeof body["stream"] !== "boolean") {
    return unmarshalError(jsonType(body["stream"]), "ChatRequest.stream", "bool");
  }
  return undefined;
}

/** `input` is a string or a list of strings. */
export function embedInputs(body: JsonObject): string[] | ErrorReply {
  const input = body["input"];
  if (typeof input === "string") return [input];
  if (Array.isArray(input) && input.every((item) => typeof item === "string")) return input as string[];
  return ollamaError(400, "invalid input type");
}
