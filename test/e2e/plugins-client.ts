// Small HTTP helpers for the plugin and guard end-to-end tests: one call per dialect, plain and
// streamed, returning what the client received; and the messages that reached the mock upstream.
import type { MockOpenAIUpstream } from "../support/mock-openai-upstream.js";

export type Dialect = "openai" | "anthropic";

export interface ClientResult {
  status: number;
  /** The answer's text (a stream's deltas joined). */
  text: string;
  /** The error body's code (OpenAI) or type (Anthropic), with its message. */
  error?: { code: string; message: string };
  /** For streams: every text delta as it arrived. */
  deltas: string[];
  headers: Headers;
  body: unknown;
}

interface Message {
  role: string;
  content: string;
}

function ssePayloads(text: string): Array<{ event?: string; data: string }> {
  return text
    .split("\n\n")
    .filter((block) => block.trim().length > 0)
    .map((block) => {
      const event = /^event: (.*)$/m.exec(block)?.[1];
      const data = block
        .split("\n")
        .filter((line) => line.startsWith("data: "))
        .map((line) => line.slice(6))
        .join("\n");
      return { event, data };
    });
}

/** Sends a chat request in a dialect; `messages` are plain role/content pairs (a system role is lifted for Anthropic). */
export async function chat(
  gatewayUrl: string,
  dialect: Dialect,
  request: { model: string; messages: Message[]; stream?: boolean; extra?: Record<string, unknown> },
  headers: Record<string, string> = {},
): Promise<ClientResult> {
  const stream = request.stream ?? false;
  let path: string;
  let body: Record<string, unknown>;
  if (dialect === "openai") {
    path = "/v1/chat/completions";
    body = { model: request.model, messages: request.messages, stream, ...request.extra };
  } else {
    path = "/v1/messages";
    const system = request.messages.filter((message) => message.role === "system").map((message) => message.content);
    body = {
      model: request.model,
      max_tokens: 256,
      messages: request.messages.filter((message) => message.role !== "system"),
      stream,
      ...(system.length > 0 ? { system: system.join("\n") } : {}),
      ...request.extra,
    };
  }
  const response = await fetch(`${gatewayUrl}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
  const raw = await response.text();
  const result: ClientResult = { status: response.status, text: "", deltas: [], headers: response.headers, body: raw };
  const isStream = (response.headers.get("content-type") ?? "").startsWith("text/event-stream");
  if (!isStream) {
    const json = JSON.parse(raw) as Record<string, unknown>;
    result.body = json;
    const error = json.error as { code?: string; type?: string; message: string } | undefined;
    if (error) {
      result.error = { code: String(error.code ?? error.type), message: error.message };
      return result;
    }
    if (dialect === "openai") {
      const choices = json.choices as Array<{ message: { content: string | null } }>;
      result.text = choices[0]?.message.content ?? "";
    } else {
      const content = json.content as Array<{ type: string; text?: string }>;
      result.text = content.map((block) => block.text ?? "").join("");
    }
    return result;
  }
  for (const { event, data } of ssePayloads(raw)) {
    if (data === "[DONE]") continue;
    const json = JSON.parse(data) as Record<string, unknown>;
    const error = json.error as { code?: string; type?: string; message: string } | undefined;
    if (error || event === "error") {
      result.error = { code: String(error?.code ?? error?.type), message: error?.message ?? "" };
      continue;
    }
    if (dialect === "openai") {
      const choices = (json.choices ?? []) as Array<{ delta: { content?: string | null } }>;
      const delta = choices[0]?.delta.content;
      if (delta) result.deltas.push(delta);
    } else if (json.type === "content_block_delta") {
      const delta = json.delta as { type: string; text?: string };
      if (delta.type === "text_delta" && delta.text) result.deltas.push(delta.text);
    }
  }
  result.text = result.deltas.join("");
  return result;
}

/** The messages of a recorded upstream request as plain role/content pairs. */
export function upstreamMessages(mock: MockOpenAIUpstream, index = -1): Message[] {
  const request = mock.requests.at(index);
  const body = request?.body as { messages?: Array<{ role: string; content: unknown }> } | undefined;
  return (body?.messages ?? []).map((message) => ({
    role: message.role,
    content:
      typeof message.content === "string"
        ? message.content
        : Array.isArray(message.content)
          ? (message.content as Array<{ text?: string }>).map((part) => part.text ?? "").join("")
          : "",
  }));
}

export const DIALECTS: Dialect[] = ["openai", "anthropic"];
export const MODES = [
  ["plain", false],
  ["streamed", true],
] as const;
