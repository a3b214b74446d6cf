import type { ChatMessage, ContentPart, ToolResultPart } from "../../contract/chat-message.js";
import type { ChatRequest, ToolDefinition } from "../../contract/chat-request.js";
import type { EmbeddingRequest } from "../../contract/embedding.js";
import { onlyNamedTool, toFunctionTool } from "../shared-chat-wire/function-tools.js";
import { type SamplingFieldNames, setSamplingFields } from "../shared-chat-wire/sampling-fields.js";
import { setIfDefined } from "../shared-chat-wire/set-if-defined.js";
import { refuseSeveralChoices } from "../shared-chat-wire/single-choice.js";
import { splitToolResults } from "../shared-chat-wire/split-tool-results.js";
import { textEmbedInput } from "../shared-chat-wire/text-embed-input.js";
import { unsupportedFeature } from "../shared-chat-wire/unsupported-feature.js";
import type { CohereContentPart, CohereMessage, CohereToolCall } from "./wire-types.js";

const COHERE_SAMPLING: SamplingFieldNames = [
  ["temperature", "temperature"],
  ["topP", "p"],
  ["maxOutputTokens", "max_tokens"],
  ["stop", "stop_sequences"],
  ["seed", "seed"],
  ["presencePenalty", "presence_penalty"],
  ["frequencyPenalty", "frequency_penalty"],
];

/** Encodes a canonical chat request as a Cohere v2 `/v2/chat` body (providers.md 6.1). */
export function toCohereChatBody(request: ChatRequest, upstreamModel: string): Record<string, unknown> {
  const sampling = request.sampling;
  refuseSeveralChoices(sampling, "Cohere");
  const body: Record<string, unknown> = Object.assign({}, request.providerOptions.cohere, {
    model: upstreamModel,
    messages: request.messages.flatMap(toCohereMessages),
  });
  setSamplingFields(body, sampling, COHERE_SAMPLING);
  Object.assign(body, toCohereTools(request));
  const format = request.responseFormat;
  if (format?.type === "json_object") body.response_format = { type: "json_object" };
  // Cohere has no json_schema type: a schema rides on json_object.
  if (format?.type === "json_schema") body.response_format = { type: "json_object", json_schema: format.schema };
  body.stream = request.stream;
  return body;
}

export function toCohereEmbedBody(request: EmbeddingRequest, upstreamModel: string): Record<string, unknown> {
  const texts = textEmbedInput(request, "Cohere");
  const body: Record<string, unknown> = {
    // input_type is required by v3+ models; a client may pick another one through providerOptions.
    input_type: "search_document",
    ...request.providerOptions.cohere,
    model: upstreamModel,
    texts,
    embedding_types: ["float"],
  };
  setIfDefined(body, "output_dimension", request.dimensions);
  return body;
}

/**
 * Cohere's tool_choice knows only REQUIRED and NONE. A named choice is kept faithfully by sending
 * that one tool and requiring a call.
 */
function toCohereTools(request: ChatRequest): Record<string, unknown> {
  const choice = request.toolChoice;
  let tools: ToolDefinition[] | undefined = request.tools;
  const fields: Record<string, unknown> = {};
  if (choice?.type === "tool") {
    tools = onlyNamedTool(request.tools, choice.name);
    fields.tool_choice = "REQUIRED";
  } else if (choice?.type === "required") {
    fields.tool_choice = "REQUIRED";
  } else if (choice?.type === "none") {
    fields.tool_choice = "NONE";
  }
  if (!tools || tools.length === 0) return {};
  fields.tools = tools.map(toFunctionTool);
  // Strictness is one switch for all tools at Cohere.
  if (tools.some((tool) => tool.strict === true)) fields.strict_tools = true;
  return fields;
}

/** One canonical message may become several: each tool result is its own Cohere tool message. */
function toCohereMessages(message: ChatMessage): CohereMessage[] {
  const { results, rest } = splitToolResults(message);
  const messages: CohereMessage[] = results.map(toCohereToolMessage);
  if (message.role === "tool" && rest.length === 0) return messages;
  switch (message.role) {
    case "system":
    case "developer":
      messages.push({ role: "system", content: toCohereContent(rest, "system") });
      break;
    case "assistant":
      messages.push(toCohereAssistantMessage(rest));
      break;
    default:
      if (rest.length > 0 || results.length === 0)
        messages.push({ role: "user", content: toCohereContent(rest, "user") });
  }
  return messages;
}

function toCohereToolMessage(result: ToolResultPart): CohereMessage {
  return {
    role: "tool",
    tool_call_id: result.toolCallId,
    content: typeof result.content === "string" ? result.content : toCohereContent(result.content, "tool"),
  };
}

/**
 * Assistant text that comes with tool calls is sent as tool_plan, the field Cohere's own answers
 * put it in; reasoning is not sent back.
 */
function toCohereAssistantMessage(parts: ContentPart[]): CohereMessage {
  const toolCalls: CohereToolCall[] = [];
  const text: string[] = [];
  for (const part of parts) {
    if (part.type === "tool-call") {
      toolCalls.push({ id: part.id, type: "function", function: { name: part.name, arguments: part.arguments } });
    } else if (part.type === "text") {
      text.push(part.text);
    }
  }
  if (toolCalls.length === 0) return { role: "assistant", content: text.join("") };
  const plan = text.join("");
  return { role: "assistant", ...(plan ? { tool_plan: plan } : {}), tool_calls: toolCalls };
}

/** A lone text part goes out as a plain string; otherwise text and image parts. */
function toCohereContent(parts: ContentPart[], role: "system" | "user" | "tool"): string | CohereContentPart[] {
  const wire: CohereContentPart[] = [];
  for (const part of parts) {
    if (part.type === "text") {
      wire.push({ type: "text", text: part.text });
    } else if (part.type === "image" && role === "user") {
      wire.push({ type: "image_url", image_url: { url: part.url, ...(part.detail ? { detail: part.detail } : {}) } });
    } else if (part.type !== "reasoning") {
      throw unsupportedFeature(`Cohere does not accept ${part.type} content in ${role} messages.`, "messages");
    }
  }
  const only = wire[0];
  if (wire.length === 0) return "";
  if (wire.length === 1 && only?.type === "text") return only.text ?? "";
  return wire;
}
