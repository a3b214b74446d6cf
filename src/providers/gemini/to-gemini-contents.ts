import type { ChatMessage, ContentPart, ImagePart, TextPart } from "../../contract/chat-message.js";
import { GatewayError } from "../../contract/errors.js";
import { type GeminiToolCallPart, SKIP_THOUGHT_SIGNATURE, thoughtSignatureOf } from "./thought-signature.js";
import { mimeFromExtension, toGeminiInlinePart, toGeminiMediaPart } from "./to-gemini-media.js";
import type { GeminiContent, GeminiPart, GeminiRole } from "./wire-types.js";

export interface GeminiPrompt {
  contents: GeminiContent[];
  systemInstruction?: { parts: GeminiPart[] };
}

/**
 * Canonical messages → Gemini `contents` and `systemInstruction`. Gemini knows only the roles
 * user and model: system and developer text goes to systemInstruction, assistant turns become
 * model turns, and tool results become functionResponse parts of a user turn, named after the
 * function of the earlier call with that id. Consecutive turns of one role are merged.
 */
export function toGeminiPrompt(messages: readonly ChatMessage[]): GeminiPrompt {
  const system: GeminiPart[] = [];
  const contents: GeminiContent[] = [];
  // Tool-call id → function name, from the history so far; a later call with the same id wins.
  const toolNames = new Map<string, string>();
  messages.forEach((message, index) => {
    if (message.role === "system" || message.role === "developer") {
      for (const part of message.content)
        if (part.type === "text" && part.text !== "") system.push({ text: part.text });
      return;
    }
    const role: GeminiRole = message.role === "assistant" ? "model" : "user";
    const parts = toGeminiParts(message.content, role, toolNames, index);
    const previous = contents.at(-1);
    if (parts.length === 0) return;
    if (previous?.role === role) previous.parts.push(...parts);
    else contents.push({ role, parts });
  });
  for (const content of contents) {
    if (content.role === "user") putFunctionResponsesFirst(content);
    else signFirstFunctionCall(content);
  }
  return system.length > 0 ? { contents, systemInstruction: { parts: system } } : { contents };
}

function toGeminiParts(
  content: readonly ContentPart[],
  role: GeminiRole,
  toolNames: Map<string, string>,
  index: number,
): GeminiPart[] {
  const parts: GeminiPart[] = [];
  for (const part of content) {
    switch (part.type) {
      case "text": {
        const signature = role === "model" ? thoughtSignatureOf(part.providerOptions) : undefined;
        // Gemini rejects empty text, except the signature-only part it sends itself.
        if (part.text !== "" || signature !== undefined) parts.push(withSignature({ text: part.text }, signature));
        break;
      }
      case "image":
        parts.push(toGeminiMediaPart(part.url));
        break;
      case "file":
        if (part.data !== undefined) parts.push(fileDataPart(part.data, part.mediaType, part.filename));
        else if (part.fileId !== undefined) parts.push(toGeminiMediaPart(part.fileId, part.mediaType));
        break;
      case "audio":
        parts.push(toGeminiInlinePart(part.data, `audio/${part.format}`));
        break;
      case "reasoning":
        // Gemini reads nothing from earlier thought text; signatures that matter ride on the parts after it.
        break;
      case "tool-call": {
        toolNames.set(part.id, part.name);
        const signature = thoughtSignatureOf((part as GeminiToolCallPart).providerOptions);
        parts.push(
          withSignature({ functionCall: { name: part.name, args: parseArguments(part.arguments, index) } }, signature),
        );
        break;
      }
      case "tool-result":
        parts.push(...toolResultParts(part.toolCallId, part.content, part.isError === true, toolNames, index));
        break;
    }
  }
  return parts;
}

function withSignature(part: GeminiPart, signature: string | undefined): GeminiPart {
  return signature === undefined ? part : Object.assign({}, part, { thoughtSignature: signature });
}

function fileDataPart(data: string, mediaType: string | undefined, filename: string | undefined): GeminiPart {
  if (data.startsWith("data:")) return toGeminiMediaPart(data, mediaType);
  const mimeType = mediaType ?? (filename ? mimeFromExtension(filename) : undefined) ?? "application/octet-stream";
  return toGeminiInlinePart(data, mimeType);
}

/** Gemini wants `args` as an object; the canonical arguments are JSON text. */
function parseArguments(text: string, index: number): Record<string, unknown> {
  if (text.trim() === "") return {};
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === "object" && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // Reported below.
  }
  throw new GatewayError(
    "invalid_request",
    `Invalid 'messages[${index}]': Gemini needs tool call arguments that are a JSON object.`,
    { param: `messages[${index}]` },
  );
}

/**
 * Gemini's functionResponse.response is an object: the result text goes under "output", or under
 * "error" when the tool failed (the two keys Gemini documents). Images of the result follow as parts.
 */
function toolResultParts(
  toolCallId: string,
  content: string | Array<TextPart | ImagePart>,
  isError: boolean,
  toolNames: ReadonlyMap<string, string>,
  index: number,
): GeminiPart[] {
  const name = toolNames.get(toolCallId);
  if (name === undefined) {
    throw new GatewayError(
      "invalid_request",
      `Invalid 'messages[${index}]': no earlier assistant tool call has the id "${toolCallId}", and Gemini needs its function name.`,
      { param: `messages[${index}]` },
    );
  }
  const text =
    typeof content === "string"
      ? content
      : content
          .filter((part): part is TextPart => part.type === "text")
          .map((part) => part.text)
          .join("\n");
  const media = typeof content === "string" ? [] : content.filter((part) => part.type === "image");
  return [
    { functionResponse: { name, response: isError ? { error: text } : { output: text } } },
    ...media.map((part) => toGeminiMediaPart(part.url)),
  ];
}

/** Gemini pairs function responses with the calls of the previous turn by position; other parts go after them. */
function putFunctionResponsesFirst(content: GeminiContent): void {
  const responses = content.parts.filter((part) => part.functionResponse !== undefined);
  if (responses.length === 0) return;
  content.parts = [...responses, ...content.parts.filter((part) => part.functionResponse === undefined)];
}

/** Gemini 3 checks the signature on the first function call of each model turn. */
function signFirstFunctionCall(content: GeminiContent): void {
  const first = content.parts.find((part) => part.functionCall !== undefined);
  if (first && first.thoughtSignature === undefined) first.thoughtSignature = SKIP_THOUGHT_SIGNATURE;
}
