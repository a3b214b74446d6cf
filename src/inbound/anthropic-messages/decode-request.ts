import type { ChatMessage } from "../../contract/chat-message.js";
import type { ChatRequest, ToolChoice, ToolDefinition } from "../../contract/chat-request.js";
import { GatewayError } from "../../contract/errors.js";
import { extraFields } from "../../wire/extra-fields.js";
import { validRequestBody } from "../validation-error.js";
import { decodeAnthropicMessages, decodeAnthropicSystem } from "./decode-messages.js";
import {
  type AnthropicMessagesRequestWire,
  type AnthropicToolChoiceWire,
  type AnthropicToolWire,
  anthropicCountTokensRequestSchema,
  anthropicMessagesRequestSchema,
} from "./wire-schema.js";

/** metadata.user_id becomes the request's user. */
const METADATA_FIELDS = new Set(["user_id"]);
/** Fields with a canonical home; everything else (top_k, thinking, service_tier, …) rides along. */
const CANONICAL_FIELDS = new Set([
  "model",
  "messages",
  "system",
  "max_tokens",
  "temperature",
  "top_p",
  "stop_sequences",
  "stream",
  "tools",
  "tool_choice",
  "metadata",
]);

/** Decodes an Anthropic Messages body into the canonical request; bad shapes give a 400 naming the field. */
export function decodeAnthropicMessagesRequest(body: unknown): ChatRequest {
  return decodeWith(body, true);
}

/** The body of POST /v1/messages/count_tokens: the same, without max_tokens. */
export function decodeAnthropicCountTokensRequest(body: unknown): ChatRequest {
  return decodeWith(body, false);
}

function decodeWith(body: unknown, requireMaxTokens: boolean): ChatRequest {
  if (body === null || typeof body !== "object" || Array.isArray(body)) {
    throw new GatewayError("invalid_request", "The request body must be a JSON object.");
  }
  const schema = requireMaxTokens ? anthropicMessagesRequestSchema : anthropicCountTokensRequestSchema;
  const wire: AnthropicMessagesRequestWire = validRequestBody(schema, body);
  const system = decodeAnthropicSystem(wire.system);
  const messages: ChatMessage[] = decodeAnthropicMessages(wire.messages);
  const request: ChatRequest = {
    model: wire.model,
    messages: system ? [system, ...messages] : messages,
    sampling: decodeSampling(wire),
    stream: wire.stream === true,
    providerOptions: {},
  };
  // An Anthropic stream always reports usage, so the client wants it.
  if (request.stream) request.streamIncludeUsage = true;
  if (wire.tools) request.tools = wire.tools.map(decodeTool);
  if (wire.tool_choice) decodeToolChoice(wire.tool_choice, request);
  if (wire.metadata?.user_id != null) request.user = wire.metadata.user_id;
  // metadata's user_id became request.user; the rest of metadata rides along.
  const extras = extraFields(wire, CANONICAL_FIELDS);
  const otherMetadata = wire.metadata ? extraFields(wire.metadata, METADATA_FIELDS) : undefined;
  if (otherMetadata) request.providerOptions = { anthropic: Object.assign({}, extras, { metadata: otherMetadata }) };
  else if (extras) request.providerOptions = { anthropic: extras };
  return request;
}

function decodeSampling(wire: AnthropicMessagesRequestWire): ChatRequest["sampling"] {
  const sampling: ChatRequest["sampling"] = {};
  if (wire.max_tokens !== undefined) sampling.maxOutputTokens = wire.max_tokens;
  if (wire.temperature !== undefined) sampling.temperature = wire.temperature;
  if (wire.top_p !== undefined) sampling.topP = wire.top_p;
  if (wire.stop_sequences !== undefined) sampling.stop = wire.stop_sequences;
  return sampling;
}

function decodeTool(tool: AnthropicToolWire, index: number): ToolDefinition {
  if (tool.type !== undefined && tool.type !== "custom") {
    // Server tools (web search, code execution, …) run inside Anthropic and have no canonical form.
    throw new GatewayError(
      "unsupported_feature",
      `Invalid 'tools[${index}].type': server tools ("${tool.type}") are not supported; define client tools with input_schema.`,
      { param: `tools[${index}].type` },
    );
  }
  const decoded: ToolDefinition = { type: "function", name: tool.name };
  if (tool.description !== undefined) decoded.description = tool.description;
  if (tool.input_schema !== undefined) decoded.parameters = tool.input_schema;
  if (tool.strict !== undefined) decoded.strict = tool.strict;
  return decoded;
}

function decodeToolChoice(choice: AnthropicToolChoiceWire, request: ChatRequest): void {
  request.toolChoice = toCanonicalToolChoice(choice);
  if (choice.disable_parallel_tool_use !== undefined) request.parallelToolCalls = !choice.disable_parallel_tool_use;
}

function toCanonicalToolChoice(choice: AnthropicToolChoiceWire): ToolChoice {
  switch (choice.type) {
    case "auto":
      return { type: "auto" };
    case "any":
      return { type: "required" };
    case "none":
      return { type: "none" };
    case "tool":
      if (!choice.name) {
        throw new GatewayError(
          "invalid_request",
          "Invalid 'tool_choice.name': required when tool_choice.type is tool.",
          {
            param: "tool_choice.name",
          },
        );
      }
      return { type: "tool", name: choice.name };
  }
}
