import type { ContentPart } from "../../contract/chat-message.js";
import type { ChatRequest } from "../../contract/chat-request.js";
import { countTokens } from "../../privacy/count-tokens.js";

/** Anthropic bills an image near its size limit (about 1.15 megapixels) at about 1,600 tokens. */
const ATTACHMENT_TOKENS = 1_600;
/** Role markers and separators around each message, as chat formats add them. */
const MESSAGE_OVERHEAD_TOKENS = 3;
/** User text may contain special-token strings; they count as plain text rather than throw. */

/**
 * An estimate of a request's input tokens with OpenAI's o200k tokenizer, for upstreams that
 * cannot count: the text of the system prompt, messages and tool definitions, plus a flat
 * amount per image or binary attachment. Other models tokenize differently; it is a guide.
 */
export function estimateInputTokens(request: ChatRequest): number {
  let tokens = 0;
  for (const message of request.messages) {
    tokens += MESSAGE_OVERHEAD_TOKENS;
    for (const part of message.content) tokens += partTokens(part);
  }
  for (const tool of request.tools ?? []) {
    tokens += textTokens(tool.name) + textTokens(tool.description ?? "");
    if (tool.parameters) tokens += textTokens(JSON.stringify(tool.parameters));
  }
  return tokens;
}

function partTokens(part: ContentPart): number {
  switch (part.type) {
    case "text":
    case "reasoning":
      return textTokens(part.text);
    case "tool-call":
      return textTokens(part.name) + textTokens(part.arguments);
    case "tool-result":
      if (typeof part.content === "string") return textTokens(part.content);
      return part.content.reduce((sum, inner) => sum + partTokens(inner), 0);
    case "file": {
      const text = textOfDataUrl(part.data, part.mediaType);
      return text === undefined ? ATTACHMENT_TOKENS : textTokens(text);
    }
    case "image":
    case "audio":
      return ATTACHMENT_TOKENS;
  }
}

function textTokens(text: string): number {
  return text === "" ? 0 : countTokens(text);
}

/** The text of a text/* document sent as a base64 data URL. */
function textOfDataUrl(data: string | undefined, mediaType: string | undefined): string | undefined {
  if (!data || !mediaType?.startsWith("text/")) return undefined;
  const comma = data.indexOf(",");
  if (!data.startsWith("data:") || comma < 0) return undefined;
  return Buffer.from(data.slice(comma + 1), "base64").toString("utf8");
}
