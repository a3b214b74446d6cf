import type { ChatMessage, ContentPart } from "../../contract/chat-message.js";
import type { ChatRequest, ToolChoice } from "../../contract/chat-request.js";
import type { EmbeddingRequest } from "../../contract/embedding.js";
import { toolCallExtrasToWire } from "../../wire/openai-tool-call-extras.js";
import { setIfDefined } from "../shared-chat-wire/set-if-defined.js";
import type { OpenAIContentPart, OpenAIMessage, OpenAIToolCall } from "./wire-types.js";

export interface OpenAIWireOptions {
  /** Ask for usage in streams (stream_options.include_usage) so the gateway can account for it. */
  streamUsageOption: boolean;
  /** Fields the upstream rejects; dropped. */
  unsupportedFields?: readonly string[];
  /** OpenAI itself wants max_completion_tokens; many compatible vendors only know max_tokens. */
  maxTokensField: "max_completion_tokens" | "max_tokens";
  /** Send the developer role as system, for vendors that do not know it. */
  developerAsSystem: boolean;
}

/** OpenAI's own API, and Azure's, which follows it. */
export const OPENAI_OWN_WIRE: OpenAIWireOptions = {
  streamUsageOption: true,
  maxTokensField: "max_completion_tokens",
  developerAsSystem: false,
};

/** Encodes a canonical chat request as an OpenAI Chat Completions body. */
export function toOpenAIChatBody(
  request: ChatRequest,
  upstreamModel: string,
  options: OpenAIWireOptions,
): Record<string, unknown> {
  const sampling = request.sampling;
  // Object.assign, not `{ ...options, more }`: see DEVELOPERS.md, "The request path".
  const body: Record<string, unknown> = Object.assign({}, request.providerOptions.openai, {
    model: upstreamModel,
    messages: request.messages.map((message) => toOpenAIMessage(message, options.developerAsSystem)),
  });
  setIfDefined(body, "temperature", sampling.temperature);
  setIfDefined(body, "top_p", sampling.topP);
  setIfDefined(body, options.maxTokensField, sampling.maxOutputTokens);
  setIfDefined(body, "stop", sampling.stop);
  setIfDefined(body, "presence_penalty", sampling.presencePenalty);
  setIfDefined(body, "frequency_penalty", sampling.frequencyPenalty);
  setIfDefined(body, "seed", sampling.seed);
  setIfDefined(body, "n", sampling.n);
  setIfDefined(body, "logprobs", sampling.logprobs);
  setIfDefined(body, "top_logprobs", sampling.topLogprobs);
  setIfDefined(body, "logit_bias", sampling.logitBias);
  setIfDefined(body, "reasoning_effort", sampling.reasoningEffort);
  if (request.tools) {
    body.tools = request.tools.map((tool) => ({
      type: "function",
      function: {
        name: tool.name,
        ...(tool.description === undefined ? {} : { description: tool.description }),
        ...(tool.parameters === undefined ? {} : { parameters: tool.parameters }),
        ...(tool.strict === undefined ? {} : { strict: tool.strict }),
      },
    }));
  }
  if (request.toolChoice) body.tool_choice = toOpenAIToolChoice(request.toolChoice);
  setIfDefined(body, "parallel_tool_calls", request.parallelToolCalls);
  if (request.responseFormat) {
    const format = request.responseFormat;
    body.response_format =
      format.type === "json_schema"
        ? {
            type: "json_schema",
            json_schema: {
              name: format.name,
              schema: format.schema,
              ...(format.description === undefined ? {} : { description: format.description }),
              ...(format.strict === undefined ? {} : { strict: format.strict }),
            },
          }
        : { type: format.type };
  }
  setIfDefined(body, "user", request.user);
  setIfDefined(body, "metadata", request.metadata);
  if (request.stream) {
    body.stream = true;
    if (options.streamUsageOption) body.stream_options = { include_usage: true };
  }
  for (const field of options.unsupportedFields ?? []) delete body[field];
  return body;
}

export function toOpenAIEmbeddingBody(request: EmbeddingRequest, upstreamModel: string): Record<string, unknown> {
  const body: Record<string, unknown> = Object.assign({}, request.providerOptions.openai, {
    model: upstreamModel,
    input: request.input,
    encoding_format: request.encodingFormat,
  });
  setIfDefined(body, "dimensions", request.dimensions);
  setIfDefined(body, "user", request.user);
  return body;
}

function toOpenAIToolChoice(choice: ToolChoice): unknown {
  return choice.type === "tool" ? { type: "function", function: { name: choice.name } } : choice.type;
}

function toOpenAIMessage(message: ChatMessage, developerAsSystem: boolean): OpenAIMessage {
  const role = developerAsSystem && message.role === "developer" ? "system" : message.role;
  const wire: OpenAIMessage = Object.assign({}, message.providerOptions?.openai, { role });
  if (message.name !== undefined) wire.name = message.name;
  if (message.role === "tool") {
    const result = message.content.find((part) => part.type === "tool-result");
    if (result?.type === "tool-result") {
      wire.tool_call_id = result.toolCallId;
      wire.content = typeof result.content === "string" ? result.content : result.content.map(toOpenAIContentPart);
      return wire;
    }
  }
  const toolCalls: OpenAIToolCall[] = [];
  const parts: OpenAIContentPart[] = [];
  for (const part of message.content) {
    if (part.type === "tool-call") {
      toolCalls.push({
        id: part.id,
        type: "function",
        function: { name: part.name, arguments: part.arguments },
        ...toolCallExtrasToWire(part.providerOptions),
      });
    } else if (part.type !== "reasoning" && part.type !== "tool-result") {
      parts.push(toOpenAIContentPart(part));
    }
  }
  wire.content = collapseToText(parts, message.role === "assistant" && toolCalls.length > 0);
  if (toolCalls.length > 0) wire.tool_calls = toolCalls;
  return wire;
}

/** A lone text part goes out as a plain string, the form every OpenAI-like vendor accepts. */
function collapseToText(parts: OpenAIContentPart[], allowNull: boolean): string | OpenAIContentPart[] | null {
  if (parts.length === 0) return allowNull ? null : "";
  const only = parts[0];
  if (parts.length === 1 && only?.type === "text" && Object.keys(only).length === 2) return only.text ?? "";
  return parts;
}

function toOpenAIContentPart(
  part: Exclude<ContentPart, { type: "tool-call" | "tool-result" | "reasoning" }>,
): OpenAIContentPart {
  switch (part.type) {
    case "text":
      return Object.assign({}, part.providerOptions?.openai, { type: "text" as const, text: part.text });
    case "image":
      return Object.assign({}, part.providerOptions?.openai, {
        type: "image_url" as const,
        image_url: part.detail ? { url: part.url, detail: part.detail } : { url: part.url },
      });
    case "audio":
      return { type: "input_audio", input_audio: { data: part.data, format: part.format } };
    case "file":
      return {
        type: "file",
        file: Object.assign(
          {},
          part.data ? { file_data: part.data } : undefined,
          part.fileId ? { file_id: part.fileId } : undefined,
          part.filename ? { filename: part.filename } : undefined,
        ),
      };
  }
}
