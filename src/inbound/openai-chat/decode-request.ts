import type { ChatMessage, ContentPart, ImagePart, TextPart } from "../../contract/chat-message.js";
import type { ChatRequest, ResponseFormat, ToolChoice, ToolDefinition } from "../../contract/chat-request.js";
import { GatewayError } from "../../contract/errors.js";
import { extraFields } from "../../wire/extra-fields.js";
import { toolCallExtrasFromWire } from "../../wire/openai-tool-call-extras.js";
import { validRequestBody } from "../validation-error.js";
import { type OpenAIChatMessageWire, type OpenAIChatRequestWire, openAIChatRequestSchema } from "./wire-schema.js";

/** Fields with a canonical home; everything else rides along in providerOptions. */
const CANONICAL_FIELDS = new Set([
  "model",
  "messages",
  "stream",
  "stream_options",
  "temperature",
  "top_p",
  "max_tokens",
  "max_completion_tokens",
  "stop",
  "presence_penalty",
  "frequency_penalty",
  "seed",
  "n",
  "logprobs",
  "top_logprobs",
  "logit_bias",
  "reasoning_effort",
  "tools",
  "tool_choice",
  "parallel_tool_calls",
  "response_format",
  "user",
  "metadata",
]);

/** Decodes an OpenAI Chat Completions body into the canonical request; bad shapes give a 400 naming the field. */
export function decodeOpenAIChatRequest(body: unknown): ChatRequest {
  if (body === null || typeof body !== "object" || Array.isArray(body)) {
    throw new GatewayError("invalid_request", "The request body must be a JSON object.");
  }
  const wire = validRequestBody(openAIChatRequestSchema, body);
  const providerOptions = extraFields(wire, CANONICAL_FIELDS);
  const request: ChatRequest = {
    model: wire.model,
    messages: wire.messages.map(decodeMessage),
    sampling: decodeSampling(wire),
    stream: wire.stream === true,
    providerOptions: providerOptions ? { openai: providerOptions } : {},
  };
  if (wire.stream === true) request.streamIncludeUsage = wire.stream_options?.include_usage === true;
  if (wire.tools) request.tools = wire.tools.map(decodeTool);
  if (wire.tool_choice) request.toolChoice = decodeToolChoice(wire.tool_choice);
  if (wire.parallel_tool_calls != null) request.parallelToolCalls = wire.parallel_tool_calls;
  if (wire.response_format) request.responseFormat = decodeResponseFormat(wire.response_format);
  if (wire.user !== undefined) request.user = wire.user;
  if (wire.metadata) request.metadata = wire.metadata;
  return request;
}

function decodeSampling(wire: OpenAIChatRequestWire): ChatRequest["sampling"] {
  const sampling: ChatRequest["sampling"] = {};
  const maxOutputTokens = wire.max_completion_tokens ?? wire.max_tokens;
  if (maxOutputTokens != null) sampling.maxOutputTokens = maxOutputTokens;
  if (wire.temperature != null) sampling.temperature = wire.temperature;
  if (wire.top_p != null) sampling.topP = wire.top_p;
  if (wire.stop != null) sampling.stop = typeof wire.stop === "string" ? [wire.stop] : wire.stop;
  if (wire.presence_penalty != null) sampling.presencePenalty = wire.presence_penalty;
  if (wire.frequency_penalty != null) sampling.frequencyPenalty = wire.frequency_penalty;
  if (wire.seed != null) sampling.seed = wire.seed;
  if (wire.n != null) sampling.n = wire.n;
  if (wire.logprobs != null) sampling.logprobs = wire.logprobs;
  if (wire.top_logprobs != null) sampling.topLogprobs = wire.top_logprobs;
  if (wire.logit_bias != null) sampling.logitBias = wire.logit_bias;
  if (wire.reasoning_effort != null) sampling.reasoningEffort = wire.reasoning_effort;
  return sampling;
}

const MESSAGE_FIELDS = new Set(["role", "content", "name", "tool_calls", "tool_call_id"]);

function decodeMessage(wire: OpenAIChatMessageWire, index: number): ChatMessage {
  const content: ContentPart[] = [];
  const path = `messages[${index}]`;
  if (wire.role === "tool") {
    if (!wire.tool_call_id) {
      throw new GatewayError("invalid_request", `Invalid '${path}.tool_call_id': a tool message needs tool_call_id.`, {
        param: `${path}.tool_call_id`,
      });
    }
    const parts =
      typeof wire.content === "string" || wire.content == null ? (wire.content ?? "") : decodeParts(wire.content, path);
    const resultContent =
      typeof parts === "string"
        ? parts
        : parts.filter((part): part is TextPart | ImagePart => part.type === "text" || part.type === "image");
    content.push({ type: "tool-result", toolCallId: wire.tool_call_id, content: resultContent });
  } else if (typeof wire.content === "string") {
    content.push({ type: "text", text: wire.content });
  } else if (Array.isArray(wire.content)) {
    content.push(...decodeParts(wire.content, path));
  }
  for (const call of wire.tool_calls ?? []) {
    const part: ContentPart = {
      type: "tool-call",
      id: call.id,
      name: call.function.name,
      arguments: call.function.arguments,
    };
    const providerOptions = toolCallExtrasFromWire(call.extra_content);
    content.push(providerOptions ? Object.assign({}, part, { providerOptions }) : part);
  }
  const message: ChatMessage = { role: wire.role, content };
  if (wire.name !== undefined) message.name = wire.name;
  const extras = extraFields(wire, MESSAGE_FIELDS);
  if (extras) message.providerOptions = { openai: extras };
  return message;
}

function decodeParts(parts: ReadonlyArray<{ type: string; [key: string]: unknown }>, path: string): ContentPart[] {
  return parts.map((part, index): ContentPart => {
    const param = `${path}.content[${index}]`;
    const { type, ...rest } = part;
    switch (type) {
      case "text": {
        if (typeof rest.text !== "string") throw partError(param, "a text part needs a string 'text'");
        const { text, ...extra } = rest;
        return Object.keys(extra).length > 0
          ? { type: "text", text, providerOptions: { openai: extra } }
          : { type: "text", text };
      }
      case "image_url": {
        const image = rest.image_url as { url?: unknown; detail?: unknown } | undefined;
        if (typeof image?.url !== "string") throw partError(param, "an image_url part needs image_url.url");
        const decoded: ImagePart = { type: "image", url: image.url };
        if (image.detail === "auto" || image.detail === "low" || image.detail === "high") decoded.detail = image.detail;
        return decoded;
      }
      case "input_audio": {
        const audio = rest.input_audio as { data?: unknown; format?: unknown } | undefined;
        if (typeof audio?.data !== "string") throw partError(param, "an input_audio part needs input_audio.data");
        return { type: "audio", data: audio.data, format: String(audio.format ?? "wav") };
      }
      case "file": {
        const file = (rest.file ?? {}) as { file_data?: string; file_id?: string; filename?: string };
        return { type: "file", data: file.file_data, fileId: file.file_id, filename: file.filename };
      }
      default:
        throw new GatewayError(
          "unsupported_feature",
          `Invalid '${param}.type': content part type "${type}" is not supported.`,
          {
            param: `${param}.type`,
          },
        );
    }
  });
}

function partError(param: string, message: string): GatewayError {
  return new GatewayError("invalid_request", `Invalid '${param}': ${message}.`, { param });
}

function decodeTool(tool: NonNullable<OpenAIChatRequestWire["tools"]>[number], index: number): ToolDefinition {
  if (tool.type !== "function" || !tool.function) {
    throw new GatewayError(
      "unsupported_feature",
      `Invalid 'tools[${index}].type': only function tools are supported.`,
      {
        param: `tools[${index}].type`,
      },
    );
  }
  const decoded: ToolDefinition = { type: "function", name: tool.function.name };
  if (tool.function.description !== undefined) decoded.description = tool.function.description;
  if (tool.function.parameters !== undefined) decoded.parameters = tool.function.parameters;
  if (tool.function.strict != null) decoded.strict = tool.function.strict;
  return decoded;
}

function decodeToolChoice(choice: NonNullable<OpenAIChatRequestWire["tool_choice"]>): ToolChoice {
  if (typeof choice === "string") return { type: choice };
  if (choice.type === "function" && choice.function) return { type: "tool", name: choice.function.name };
  throw new GatewayError("unsupported_feature", `Invalid 'tool_choice': type "${choice.type}" is not supported.`, {
    param: "tool_choice",
  });
}

function decodeResponseFormat(format: NonNullable<OpenAIChatRequestWire["response_format"]>): ResponseFormat {
  if (format.type !== "json_schema") return { type: format.type };
  if (!format.json_schema) {
    throw new GatewayError("invalid_request", "Invalid 'response_format.json_schema': required for type json_schema.", {
      param: "response_format.json_schema",
    });
  }
  const decoded: ResponseFormat = {
    type: "json_schema",
    name: format.json_schema.name,
    schema: format.json_schema.schema ?? {},
  };
  if (format.json_schema.description !== undefined) decoded.description = format.json_schema.description;
  if (format.json_schema.strict != null) decoded.strict = format.json_schema.strict;
  return decoded;
}
