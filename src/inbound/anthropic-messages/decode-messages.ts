import type { z } from "zod";
import { formatIssuePath } from "../../config/format-issues.js";
import type {
  ChatMessage,
  ContentPart,
  FilePart,
  ImagePart,
  ProviderOptions,
  TextPart,
  ToolResultPart,
} from "../../contract/chat-message.js";
import { GatewayError } from "../../contract/errors.js";
import { extraFields } from "../../wire/extra-fields.js";
import { validRequestBody } from "../validation-error.js";
import {
  type AnthropicContentBlockWire,
  type AnthropicMessagesRequestWire,
  type AnthropicMessageWire,
  documentBlockSchema,
  imageBlockSchema,
  redactedThinkingBlockSchema,
  textBlockSchema,
  thinkingBlockSchema,
  toolResultBlockSchema,
  toolUseBlockSchema,
} from "./wire-schema.js";

type Path = ReadonlyArray<string | number>;

/** Top-level `system` (a string or text blocks) becomes one canonical system message. */
export function decodeAnthropicSystem(system: AnthropicMessagesRequestWire["system"]): ChatMessage | undefined {
  if (system === undefined || system.length === 0) return undefined;
  if (typeof system === "string") return { role: "system", content: [{ type: "text", text: system }] };
  return { role: "system", content: system.map((block) => decodeText(block, ["system"])) };
}

/**
 * Anthropic turns become canonical messages. Each `tool_result` block becomes its own `tool`
 * message, in place, so that a user turn holding results and then text turns into the tool
 * messages followed by a user message, as every other wire format expects.
 */
export function decodeAnthropicMessages(messages: readonly AnthropicMessageWire[]): ChatMessage[] {
  return messages.flatMap((message, index) => decodeMessage(message, ["messages", index]));
}

const MESSAGE_FIELDS = new Set(["role", "content"]);
const TEXT_BLOCK_FIELDS = new Set(["type", "text"]);
const IMAGE_BLOCK_FIELDS = new Set(["type", "source"]);
const TOOL_RESULT_BLOCK_FIELDS = new Set(["type", "tool_use_id", "content", "is_error"]);

function decodeMessage(wire: AnthropicMessageWire, path: Path): ChatMessage[] {
  const extras = anthropicExtras(wire, MESSAGE_FIELDS);
  const turn = (content: ContentPart[]): ChatMessage =>
    extras ? { role: wire.role, content, providerOptions: extras } : { role: wire.role, content };
  if (typeof wire.content === "string") return [turn([{ type: "text", text: wire.content }])];
  const decoded: ChatMessage[] = [];
  let pending: ContentPart[] = [];
  wire.content.forEach((block, index) => {
    const blockPath = [...path, "content", index];
    if (block.type !== "tool_result") {
      pending.push(decodeBlock(block, wire.role, blockPath));
      return;
    }
    if (wire.role !== "user") throw roleError(blockPath, "tool_result", "user");
    if (pending.length > 0) decoded.push(turn(pending));
    pending = [];
    decoded.push(decodeToolResult(block, blockPath));
  });
  // An empty content array still is a turn; whether that is valid is the upstream's call.
  if (pending.length > 0 || decoded.length === 0) decoded.push(turn(pending));
  return decoded;
}

function decodeBlock(block: AnthropicContentBlockWire, role: AnthropicMessageWire["role"], path: Path): ContentPart {
  switch (block.type) {
    case "text":
      return decodeText(block, path);
    case "image":
      return decodeImage(block, path);
    case "document":
      return decodeDocument(block, path);
    case "tool_use": {
      if (role !== "assistant") throw roleError(path, "tool_use", "assistant");
      const wire = parseBlock(toolUseBlockSchema, block, path);
      return { type: "tool-call", id: wire.id, name: wire.name, arguments: JSON.stringify(wire.input ?? {}) };
    }
    case "thinking": {
      if (role !== "assistant") throw roleError(path, "thinking", "assistant");
      const wire = parseBlock(thinkingBlockSchema, block, path);
      return { type: "reasoning", text: wire.thinking, signature: wire.signature };
    }
    case "redacted_thinking": {
      if (role !== "assistant") throw roleError(path, "redacted_thinking", "assistant");
      // The opaque payload travels as the signature: it must go back to Anthropic unchanged.
      const wire = parseBlock(redactedThinkingBlockSchema, block, path);
      return { type: "reasoning", text: "", signature: wire.data, redacted: true };
    }
    default:
      throw unsupportedBlock(block.type, path);
  }
}

function decodeText(block: unknown, path: Path): TextPart {
  const wire = parseBlock(textBlockSchema, block, path);
  const extras = anthropicExtras(wire, TEXT_BLOCK_FIELDS);
  return extras ? { type: "text", text: wire.text, providerOptions: extras } : { type: "text", text: wire.text };
}

function decodeImage(block: unknown, path: Path): ImagePart | FilePart {
  const wire = parseBlock(imageBlockSchema, block, path);
  const { source } = wire;
  if (source.type === "file") return { type: "file", fileId: source.file_id };
  const url = source.type === "base64" ? `data:${source.media_type};base64,${source.data}` : source.url;
  const extras = anthropicExtras(wire, IMAGE_BLOCK_FIELDS);
  return extras ? { type: "image", url, providerOptions: extras } : { type: "image", url };
}

function decodeDocument(block: unknown, path: Path): FilePart {
  const wire = parseBlock(documentBlockSchema, block, path);
  const { source } = wire;
  const part: FilePart = { type: "file" };
  if (wire.title) part.filename = wire.title;
  switch (source.type) {
    case "base64":
      return Object.assign(part, {
        data: `data:${source.media_type};base64,${source.data}`,
        mediaType: source.media_type,
      });
    case "text": {
      const mediaType = source.media_type ?? "text/plain";
      const data = Buffer.from(source.data, "utf8").toString("base64");
      return Object.assign(part, { data: `data:${mediaType};base64,${data}`, mediaType });
    }
    case "file":
      return Object.assign(part, { fileId: source.file_id });
    case "url":
      // The canonical file part holds data or a file id, not a link another provider could fetch.
      throw new GatewayError(
        "unsupported_feature",
        `Invalid '${formatIssuePath([...path, "source", "type"])}': document sources of type "url" are not supported; send the document as base64.`,
        { param: formatIssuePath([...path, "source", "type"]) },
      );
  }
}

function decodeToolResult(block: unknown, path: Path): ChatMessage {
  const wire = parseBlock(toolResultBlockSchema, block, path);
  const part: ToolResultPart = { type: "tool-result", toolCallId: wire.tool_use_id, content: "" };
  if (typeof wire.content === "string") part.content = wire.content;
  else if (wire.content) {
    part.content = wire.content.map((inner, index): TextPart | ImagePart => {
      const innerPath = [...path, "content", index];
      if (inner.type === "text") return decodeText(inner, innerPath);
      if (inner.type === "image") {
        const image = decodeImage(inner, innerPath);
        if (image.type === "image") return image;
      }
      throw unsupportedBlock(inner.type, innerPath, " inside a tool_result");
    });
  }
  if (wire.is_error !== undefined) part.isError = wire.is_error;
  const extras = anthropicExtras(wire, TOOL_RESULT_BLOCK_FIELDS);
  // Block extras such as cache_control have no place on the part; the tool message keeps them.
  return extras ? { role: "tool", content: [part], providerOptions: extras } : { role: "tool", content: [part] };
}

/** Fields beyond `known`, keyed for Anthropic upstreams; undefined when there are none. */
function anthropicExtras(wire: Record<string, unknown>, known: ReadonlySet<string>): ProviderOptions | undefined {
  const extras = extraFields(wire, known);
  return extras ? { anthropic: extras } : undefined;
}

function parseBlock<T>(schema: z.ZodType<T>, block: unknown, path: Path): T {
  return validRequestBody(schema, block, (error) => {
    const issue = error.issues[0];
    const param = formatIssuePath([...path, ...(issue?.path ?? [])]);
    return new GatewayError("invalid_request", `Invalid '${param}': ${issue?.message ?? "not a valid block"}.`, {
      param,
    });
  });
}

function roleError(path: Path, type: string, role: string): GatewayError {
  const param = formatIssuePath([...path, "type"]);
  return new GatewayError("invalid_request", `Invalid '${param}': ${type} blocks may only appear in ${role} turns.`, {
    param,
  });
}

function unsupportedBlock(type: string, path: Path, where = ""): GatewayError {
  const param = formatIssuePath([...path, "type"]);
  return new GatewayError(
    "unsupported_feature",
    `Invalid '${param}': content blocks of type "${type}"${where} are not supported.`,
    {
      param,
    },
  );
}
