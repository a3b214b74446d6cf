import type { ChatMessage, ContentPart, ImagePart, ToolResultPart } from "../../contract/chat-message.js";
import type { ChatRequest, ToolDefinition } from "../../contract/chat-request.js";
import type { EmbeddingRequest } from "../../contract/embedding.js";
import { GatewayError } from "../../contract/errors.js";
import { onlyNamedTool, toFunctionTool } from "../shared-chat-wire/function-tools.js";
import { isRecord } from "../shared-chat-wire/is-record.js";
import { type SamplingFieldNames, setSamplingFields } from "../shared-chat-wire/sampling-fields.js";
import { setIfDefined } from "../shared-chat-wire/set-if-defined.js";
import { refuseSeveralChoices } from "../shared-chat-wire/single-choice.js";
import { splitToolResults } from "../shared-chat-wire/split-tool-results.js";
import { textEmbedInput } from "../shared-chat-wire/text-embed-input.js";
import { unsupportedFeature } from "../shared-chat-wire/unsupported-feature.js";
import type { OllamaMessage, OllamaToolCall } from "./wire-types.js";

/** Sampling goes in `options`, under Ollama's (llama.cpp's) names. */
const OLLAMA_SAMPLING: SamplingFieldNames = [
  ["temperature", "temperature"],
  ["topP", "top_p"],
  ["maxOutputTokens", "num_predict"],
  ["stop", "stop"],
  ["seed", "seed"],
  ["presencePenalty", "presence_penalty"],
  ["frequencyPenalty", "frequency_penalty"],
];

/** Encodes a canonical chat request as an Ollama `/api/chat` body (providers.md 6.3). */
export function toOllamaChatBody(request: ChatRequest, upstreamModel: string): Record<string, unknown> {
  const sampling = request.sampling;
  refuseSeveralChoices(sampling, "Ollama");
  const { options: extraOptions, ...extra } = request.providerOptions.ollama ?? {};
  const options: Record<string, unknown> = isRecord(extraOptions) ? { ...extraOptions } : {};
  setSamplingFields(options, sampling, OLLAMA_SAMPLING);
  const toolNames = toolNamesById(request.messages);
  const body: Record<string, unknown> = Object.assign(extra, {
    model: upstreamModel,
    messages: request.messages.flatMap((message) => toOllamaMessages(message, toolNames)),
  });
  const tools = toolsToSend(request);
  if (tools.length > 0) body.tools = tools.map(toFunctionTool);
  const format = request.responseFormat;
  if (format?.type === "json_object") body.format = "json";
  if (format?.type === "json_schema") body.format = format.schema;
  if (Object.keys(options).length > 0) body.options = options;
  // Ollama streams unless told otherwise, so the choice is always written out.
  body.stream = request.stream;
  return body;
}

export function toOllamaEmbedBody(request: EmbeddingRequest, upstreamModel: string): Record<string, unknown> {
  const input = textEmbedInput(request, "Ollama");
  const body: Record<string, unknown> = Object.assign({}, request.providerOptions.ollama, {
    model: upstreamModel,
    input,
  });
  setIfDefined(body, "dimensions", request.dimensions);
  return body;
}

/**
 * Ollama has no tool_choice. "none" is kept by sending no tools and a named choice by sending
 * only that tool; "required" cannot be enforced and is sent as the plain tool list.
 */
function toolsToSend(request: ChatRequest): ToolDefinition[] {
  const tools = request.tools ?? [];
  const choice = request.toolChoice;
  if (choice?.type === "none") return [];
  if (choice?.type !== "tool") return tools;
  return onlyNamedTool(tools, choice.name);
}

/** Tool results carry a call id; Ollama wants the tool's name, found on the assistant's call. */
function toolNamesById(messages: ChatMessage[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const message of messages) {
    for (const part of message.content) if (part.type === "tool-call") names.set(part.id, part.name);
  }
  return names;
}

function toOllamaMessages(message: ChatMessage, toolNames: Map<string, string>): OllamaMessage[] {
  const { results, rest } = splitToolResults(message);
  const messages = results.map((result) => toOllamaToolMessage(result, toolNames));
  if (message.role === "tool" && rest.length === 0) return messages;
  switch (message.role) {
    case "system":
    case "developer":
      messages.push({ role: "system", ...textAndImages(rest, "system") });
      break;
    case "assistant":
      messages.push(toOllamaAssistantMessage(rest));
      break;
    default:
      if (rest.length > 0 || results.length === 0) messages.push({ role: "user", ...textAndImages(rest, "user") });
  }
  return messages;
}

function toOllamaToolMessage(result: ToolResultPart, toolNames: Map<string, string>): OllamaMessage {
  const content =
    typeof result.content === "string" ? { content: result.content } : textAndImages(result.content, "tool");
  const name = toolNames.get(result.toolCallId);
  return { role: "tool", ...content, ...(name === undefined ? {} : { tool_name: name }) };
}

function toOllamaAssistantMessage(parts: ContentPart[]): OllamaMessage {
  const text: string[] = [];
  const thinking: string[] = [];
  const toolCalls: OllamaToolCall[] = [];
  for (const part of parts) {
    if (part.type === "text") text.push(part.text);
    else if (part.type === "reasoning" && !part.redacted) thinking.push(part.text);
    else if (part.type === "tool-call") {
      toolCalls.push({ function: { name: part.name, arguments: parseArguments(part.arguments, part.name) } });
    }
  }
  const message: OllamaMessage = { role: "assistant", content: text.join("") };
  if (thinking.length > 0) message.thinking = thinking.join("");
  if (toolCalls.length > 0) message.tool_calls = toolCalls;
  return message;
}

/** Ollama wants arguments as an object; the canonical form is the JSON text the model wrote. */
function parseArguments(text: string, name: string): Record<string, unknown> {
  if (text.trim() === "") return {};
  try {
    const parsed: unknown = JSON.parse(text);
    if (isRecord(parsed)) return parsed;
  } catch {
    // Reported below.
  }
  throw new GatewayError("invalid_request", `Ollama needs the arguments of tool call "${name}" as a JSON object.`, {
    param: "messages",
  });
}

/** Text parts join into `content`; images go into `images` as bare base64. */
function textAndImages(parts: ContentPart[], role: string): Pick<OllamaMessage, "content" | "images"> {
  const text: string[] = [];
  const images: string[] = [];
  for (const part of parts) {
    if (part.type === "text") text.push(part.text);
    else if (part.type === "image") images.push(base64Image(part));
    else if (part.type !== "reasoning") {
      throw unsupportedFeature(`Ollama does not accept ${part.type} content in ${role} messages.`, "messages");
    }
  }
  return { content: text.join("\n"), ...(images.length > 0 ? { images } : {}) };
}

/** Ollama takes base64 only; the gateway does not fetch remote images on a client's behalf. */
function base64Image(part: ImagePart): string {
  const comma = part.url.indexOf(",");
  const header = comma === -1 ? "" : part.url.slice(0, comma);
  if (header.startsWith("data:") && header.endsWith(";base64")) return part.url.slice(comma + 1);
  throw unsupportedFeature(
    "Ollama accepts images only as base64 data: URLs (data:image/png;base64,…); image URLs are not fetched.",
    "messages",
  );
}
