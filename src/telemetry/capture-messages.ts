import type { ChatMessage, ContentPart } from "../contract/chat-message.js";
import type { ChatResponse } from "../contract/chat-response.js";
import type { CapturedMessages, CaptureLevel } from "../contract/log-event.js";

export interface CapturedMessage {
  role: string;
  content: string;
}

/** One choice of the answer as captured. */
export interface CapturedChoice {
  text: string;
  reasoning?: string;
  toolCalls?: Array<{ name: string; arguments: string }>;
}

/** Text of a content part; media become a short placeholder so no bytes are stored. */
function partText(part: ContentPart): string {
  switch (part.type) {
    case "text":
    case "reasoning":
      return part.text;
    case "tool-call":
      return `[tool call ${part.name}] ${part.arguments}`;
    case "tool-result":
      return typeof part.content === "string"
        ? part.content
        : part.content.map((inner) => (inner.type === "text" ? inner.text : "[image]")).join("\n");
    default:
      return `[${part.type}]`;
  }
}

function messageText(message: ChatMessage): string {
  return message.content.map(partText).join("\n");
}

function choicesOf(response: ChatResponse): CapturedChoice[] {
  return response.choices.map((choice) => {
    const toolCalls = choice.content.flatMap((part) =>
      part.type === "tool-call" ? [{ name: part.name, arguments: part.arguments }] : [],
    );
    const reasoning = choice.content.flatMap((part) => (part.type === "reasoning" ? [part.text] : [])).join("");
    return {
      text:
        choice.content.flatMap((part) => (part.type === "text" ? [part.text] : [])).join("") + (choice.refusal ?? ""),
      ...(reasoning ? { reasoning } : {}),
      ...(toolCalls.length > 0 ? { toolCalls } : {}),
    };
  });
}

function choicesCharacters(choices: readonly CapturedChoice[]): number {
  let total = 0;
  for (const choice of choices) {
    total += choice.text.length + (choice.reasoning?.length ?? 0);
    for (const call of choice.toolCalls ?? []) total += call.arguments.length;
  }
  return total;
}

/**
 * What a chat request's log keeps of its messages at `level` (undefined at `none`). Text is
 * redacted and capped later, off the request path (see Telemetry.record).
 */
export function captureChat(
  level: CaptureLevel,
  messages: readonly ChatMessage[],
  answer: ChatResponse | undefined,
): CapturedMessages | undefined {
  if (level === "none") return undefined;
  const request: CapturedMessage[] = messages.map((message) => ({ role: message.role, content: messageText(message) }));
  const choices = answer ? choicesOf(answer) : undefined;
  const captured: CapturedMessages = {
    level,
    requestMessages: messages.length,
    requestCharacters: request.reduce((total, message) => total + message.content.length, 0),
    responseCharacters: choices ? choicesCharacters(choices) : undefined,
  };
  if (level === "full") {
    captured.request = request;
    if (choices) captured.response = choices;
  }
  return captured;
}

/** The same for embeddings: the input texts (token arrays are counted, never stored). */
export function captureEmbedding(level: CaptureLevel, input: string[] | number[][]): CapturedMessages | undefined {
  if (level === "none") return undefined;
  const texts = input.filter((item): item is string => typeof item === "string");
  const captured: CapturedMessages = {
    level,
    requestMessages: input.length,
    requestCharacters: texts.reduce((total, text) => total + text.length, 0),
  };
  if (level === "full") captured.request = texts.map((text) => ({ role: "input", content: text }));
  return captured;
}
