import { createHash } from "node:crypto";
import type { ChatMessage, ContentPart, FilePart, ImagePart, ProviderOptions } from "../../contract/chat-message.js";
import { GatewayError } from "../../contract/errors.js";
import { parseDataUrl } from "./parse-data-url.js";
import type {
  BedrockContentBlock,
  BedrockDocumentBlock,
  BedrockDocumentFormat,
  BedrockImageBlock,
  BedrockImageFormat,
  BedrockMessage,
  BedrockSystemBlock,
  BedrockToolResultContent,
} from "./wire-types.js";

/** The messages of a Converse body, and what the tool configuration must know about them. */
export interface BedrockConversation {
  system: BedrockSystemBlock[];
  messages: BedrockMessage[];
  /** Names of the tools the history calls, in order of first use. */
  toolNamesInHistory: string[];
  /** Bedrock rejects toolUse/toolResult blocks unless toolConfig is present. */
  hasToolBlocks: boolean;
}

/** The user turn put first when a conversation starts with the assistant. */
export const CONVERSATION_START_TEXT = ".";

/** Bedrock rejects an empty toolResult content list and blank text alike. */
export const EMPTY_TOOL_RESULT_TEXT = "(empty)";

const IMAGE_FORMATS: Readonly<Record<string, BedrockImageFormat>> = {
  png: "png",
  jpeg: "jpeg",
  jpg: "jpeg",
  gif: "gif",
  webp: "webp",
};

const DOCUMENT_FORMATS: Readonly<Record<string, BedrockDocumentFormat>> = {
  "application/pdf": "pdf",
  "text/csv": "csv",
  "application/msword": "doc",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
  "application/vnd.ms-excel": "xls",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
  "text/html": "html",
  "text/plain": "txt",
  "text/markdown": "md",
};

/**
 * Canonical messages → Converse `system` and `messages`: system and developer messages go
 * top-level, tool messages become toolResult blocks of a user turn, blank text is dropped, and
 * consecutive turns of one role are merged since Bedrock wants user and assistant to alternate.
 */
export function toBedrockConversation(messages: readonly ChatMessage[]): BedrockConversation {
  const system: BedrockSystemBlock[] = [];
  const turns: BedrockMessage[] = [];
  for (const message of messages) {
    if (message.role === "system" || message.role === "developer") {
      for (const part of message.content) {
        if (part.type === "text" && part.text.trim() !== "") system.push({ text: part.text }, ...cachePoint(part));
      }
      continue;
    }
    const role = message.role === "assistant" ? "assistant" : "user";
    const content = message.content.flatMap((part) => toContentBlocks(part, role));
    if (content.length === 0) continue;
    const previous = turns.at(-1);
    if (previous?.role === role) previous.content.push(...content);
    else turns.push({ role, content });
  }
  // Bedrock answers "A conversation must start with a user message" otherwise.
  if (turns[0]?.role === "assistant") turns.unshift({ role: "user", content: [{ text: CONVERSATION_START_TEXT }] });
  const toolNames = new Set<string>();
  let hasToolBlocks = false;
  for (const block of turns.flatMap((turn) => turn.content)) {
    if ("toolUse" in block) toolNames.add(block.toolUse.name);
    if ("toolUse" in block || "toolResult" in block) hasToolBlocks = true;
  }
  return { system, messages: turns, toolNamesInHistory: [...toolNames], hasToolBlocks };
}

function toContentBlocks(part: ContentPart, role: BedrockMessage["role"]): BedrockContentBlock[] {
  switch (part.type) {
    case "text":
      return part.text.trim() === "" ? [] : [{ text: part.text }, ...cachePoint(part)];
    case "image":
      return [toImageBlock(part), ...cachePoint(part)];
    case "file":
      return [toDocumentBlock(part)];
    case "audio":
      throw unsupported("Bedrock's Converse API takes no audio input.");
    case "reasoning":
      return role === "assistant" ? toReasoningBlocks(part.text, part.signature, part.redacted) : [];
    case "tool-call":
      return [
        { toolUse: { toolUseId: toBedrockToolUseId(part.id), name: part.name, input: toToolInput(part.arguments) } },
      ];
    case "tool-result": {
      const parts = typeof part.content === "string" ? [{ type: "text" as const, text: part.content }] : part.content;
      const content = parts.flatMap((item): BedrockToolResultContent[] =>
        item.type === "image" ? [toImageBlock(item)] : item.text.trim() === "" ? [] : [{ text: item.text }],
      );
      return [
        {
          toolResult: {
            toolUseId: toBedrockToolUseId(part.toolCallId),
            content: content.length > 0 ? content : [{ text: EMPTY_TOOL_RESULT_TEXT }],
            // Only Claude models accept `status`; send it only when it carries news.
            ...(part.isError ? { status: "error" as const } : {}),
          },
        },
      ];
    }
  }
}

/** Reasoning goes back only with the signature Bedrock gave it; unsigned reasoning is rejected. */
function toReasoningBlocks(
  text: string,
  signature: string | undefined,
  redacted: boolean | undefined,
): BedrockContentBlock[] {
  if (!signature) return [];
  if (redacted) return [{ reasoningContent: { redactedContent: signature } }];
  return [{ reasoningContent: { reasoningText: { text, signature } } }];
}

/**
 * Bedrock tool ids match [a-zA-Z0-9_-]{1,64}. Ids that do not are rewritten the same way each
 * time (on toolUse and toolResult alike), with a hash of the original so that ids differing only
 * in rejected characters stay apart.
 */
export function toBedrockToolUseId(id: string): string {
  if (/^[a-zA-Z0-9_-]{1,64}$/.test(id)) return id;
  const hash = createHash("sha256").update(id).digest("hex").slice(0, 8);
  return `${id.replace(/[^a-zA-Z0-9_-]/g, "_").slice(0, 55)}_${hash}`;
}

/** Bedrock wants the arguments as a JSON object; text that is not one becomes `{}`. */
function toToolInput(argumentsText: string): Record<string, unknown> {
  try {
    const parsed = JSON.parse(argumentsText) as unknown;
    if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed))
      return parsed as Record<string, unknown>;
  } catch {
    // fall through
  }
  return {};
}

function toImageBlock(part: ImagePart): BedrockImageBlock {
  const data = parseDataUrl(part.url);
  if (data) {
    const format = IMAGE_FORMATS[data.mediaType.replace(/^image\//, "")];
    if (!format) throw unsupported(`Bedrock takes png, jpeg, gif and webp images, not ${data.mediaType}.`);
    return { image: { format, source: { bytes: data.base64 } } };
  }
  if (part.url.startsWith("s3://")) {
    const format = IMAGE_FORMATS[/\.([a-z0-9]+)$/i.exec(part.url)?.[1]?.toLowerCase() ?? ""];
    if (!format) throw unsupported(`Cannot tell the image format of "${part.url}" from its extension.`);
    return { image: { format, source: { s3Location: { uri: part.url } } } };
  }
  throw unsupported(
    `Bedrock takes images only as base64 data: URLs or s3:// locations; "${part.url.slice(0, 100)}" cannot be sent. ` +
      "Inline the image as a data: URL.",
  );
}

function toDocumentBlock(part: FilePart): BedrockDocumentBlock {
  const data = part.data === undefined ? undefined : parseDataUrl(part.data);
  if (!data) throw unsupported("Bedrock takes files only as base64 data: URLs, not file ids.");
  const mediaType = part.mediaType?.toLowerCase() ?? data.mediaType;
  const format = DOCUMENT_FORMATS[mediaType];
  if (!format) throw unsupported(`Bedrock takes no documents of type ${mediaType}.`);
  return { document: { format, name: documentName(part.filename), source: { bytes: data.base64 } } };
}

/** Document names allow letters, digits, single spaces, hyphens, parentheses and brackets. */
function documentName(filename: string | undefined): string {
  const base = (filename ?? "").replace(/\.[^.]*$/, "");
  const cleaned = base
    .replace(/[^a-zA-Z0-9\s\-()[\]]/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 200);
  return cleaned || "document";
}

/** A cache point after a block marked for caching, natively or with Anthropic's cache_control. */
function cachePoint(part: { providerOptions?: ProviderOptions }): Array<{ cachePoint: { type: string } }> {
  const native = part.providerOptions?.bedrock?.cachePoint;
  if (typeof native === "object" && native !== null) return [{ cachePoint: native as { type: string } }];
  if (native !== undefined || part.providerOptions?.anthropic?.cache_control !== undefined) {
    return [{ cachePoint: { type: "default" } }];
  }
  return [];
}

function unsupported(message: string): GatewayError {
  return new GatewayError("unsupported_feature", message, { param: "messages" });
}
