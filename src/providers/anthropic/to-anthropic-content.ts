import { createHash } from "node:crypto";
import type {
  FilePart,
  ImagePart,
  ReasoningPart,
  TextPart,
  ToolCallPart,
  ToolResultPart,
} from "../../contract/chat-message.js";
import { GatewayError } from "../../contract/errors.js";
import type {
  AnthropicDocumentBlock,
  AnthropicImageBlock,
  AnthropicRedactedThinkingBlock,
  AnthropicTextBlock,
  AnthropicThinkingBlock,
  AnthropicToolResultBlock,
  AnthropicToolUseBlock,
} from "./wire-types.js";

/** The API rejects empty text blocks, so callers drop those (undefined). */
export function toAnthropicTextBlock(part: TextPart): AnthropicTextBlock | undefined {
  if (part.text === "") return undefined;
  return Object.assign({}, part.providerOptions?.anthropic, { type: "text" as const, text: part.text });
}

/** data: URLs become a base64 source with their media type; http(s) URLs a url source. */
export function toAnthropicImageBlock(part: ImagePart): AnthropicImageBlock {
  const extras = part.providerOptions?.anthropic;
  const data = parseDataUrl(part.url);
  if (data)
    return Object.assign({}, extras, {
      type: "image" as const,
      source: { type: "base64" as const, media_type: data.mediaType, data: data.base64 },
    });
  return Object.assign({}, extras, { type: "image" as const, source: { type: "url" as const, url: part.url } });
}

/** PDFs and plain text become document blocks, images image blocks; a file id uses the Files API source. */
export function toAnthropicFileBlock(part: FilePart): AnthropicDocumentBlock | AnthropicImageBlock {
  const title = part.filename === undefined ? {} : { title: part.filename };
  if (part.fileId !== undefined && part.data === undefined) {
    // A Files API id names an image or a document; only the media type tells which.
    const source = { type: "file" as const, file_id: part.fileId };
    if (part.mediaType?.startsWith("image/")) return { type: "image", source };
    return { type: "document", source, ...title };
  }
  const data = part.data === undefined ? undefined : parseDataUrl(part.data);
  if (!data) {
    throw new GatewayError("invalid_request", "A file part for Anthropic needs a base64 data: URL or a file id.", {
      param: "messages",
    });
  }
  const mediaType = part.mediaType ?? data.mediaType;
  if (mediaType === "application/pdf") {
    return { type: "document", source: { type: "base64", media_type: mediaType, data: data.base64 }, ...title };
  }
  if (mediaType === "text/plain") {
    const text = Buffer.from(data.base64, "base64").toString("utf8");
    return { type: "document", source: { type: "text", media_type: "text/plain", data: text }, ...title };
  }
  if (mediaType.startsWith("image/")) {
    return { type: "image", source: { type: "base64", media_type: mediaType, data: data.base64 } };
  }
  throw new GatewayError("unsupported_feature", `Anthropic does not accept files of type "${mediaType}".`, {
    param: "messages",
  });
}

/**
 * Signed thinking goes back verbatim; redacted thinking carries its data in `signature`. Reasoning
 * without a signature came from another provider and would be rejected, so it is dropped.
 */
export function toAnthropicThinkingBlock(
  part: ReasoningPart,
): AnthropicThinkingBlock | AnthropicRedactedThinkingBlock | undefined {
  if (part.signature === undefined) return undefined;
  if (part.redacted) return { type: "redacted_thinking", data: part.signature };
  return { type: "thinking", thinking: part.text, signature: part.signature };
}

export function toAnthropicToolUseBlock(part: ToolCallPart): AnthropicToolUseBlock {
  return {
    type: "tool_use",
    id: toAnthropicToolUseId(part.id),
    name: part.name,
    input: parseToolInput(part.arguments),
  };
}

export function toAnthropicToolResultBlock(part: ToolResultPart): AnthropicToolResultBlock {
  const content =
    typeof part.content === "string"
      ? part.content
      : part.content.flatMap((item): Array<AnthropicTextBlock | AnthropicImageBlock> => {
          if (item.type === "image") return [toAnthropicImageBlock(item)];
          const text = toAnthropicTextBlock(item);
          return text ? [text] : [];
        });
  const block: AnthropicToolResultBlock = {
    type: "tool_result",
    tool_use_id: toAnthropicToolUseId(part.toolCallId),
    content,
  };
  if (part.isError) block.is_error = true;
  return block;
}

const TOOL_USE_ID = /^[a-zA-Z0-9_-]+$/;

/**
 * Anthropic accepts only ids matching ^[a-zA-Z0-9_-]+$. Other ids (from other providers or
 * clients) are rewritten the same way on tool_use and tool_result; the hash keeps two ids that
 * differ only in rejected characters apart.
 */
export function toAnthropicToolUseId(id: string): string {
  if (TOOL_USE_ID.test(id)) return id;
  const hash = createHash("sha256").update(id).digest("hex").slice(0, 8);
  return `${id.replace(/[^a-zA-Z0-9_-]/g, "_")}_${hash}`;
}

/** The API wants an object; empty or invalid arguments become {} rather than a rejected string. */
function parseToolInput(text: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

/** `data:image/png;base64,AAAA` → media type and base64 text; a non-base64 data URL is encoded. */
export function parseDataUrl(url: string): { mediaType: string; base64: string } | undefined {
  const match = /^data:([^,]*),(.*)$/s.exec(url);
  if (!match) return undefined;
  const [mediaType = "", ...parameters] = (match[1] ?? "").split(";");
  const payload = match[2] ?? "";
  const base64 = parameters.includes("base64")
    ? payload
    : Buffer.from(decodeURIComponent(payload), "utf8").toString("base64");
  return { mediaType: mediaType || "text/plain", base64 };
}
