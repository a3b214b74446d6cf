import type { ChatRequest } from "../../contract/chat-request.js";
import type { ScoredChunk } from "../../rag/retrieval/scored-chunk.js";
import type { RagOptions } from "./rag-options.js";

/** The context text from the chunks, best first, whole chunks within maxContextCharacters. */
export function renderContext(chunks: readonly ScoredChunk[], options: RagOptions): { text: string; used: number } {
  const rendered: string[] = [];
  let length = 0;
  for (const [index, chunk] of chunks.entries()) {
    const entry = fill(options.chunkTemplate, {
      index: String(index + 1),
      source: chunk.title ?? chunk.source ?? chunk.url ?? chunk.documentId,
      url: chunk.url ?? "",
      score: chunk.score.toFixed(3),
      knowledgeBase: chunk.knowledgeBase,
      text: chunk.text,
    });
    if (rendered.length > 0 && length + entry.length > options.maxContextCharacters) break;
    rendered.push(entry);
    length += entry.length + 2;
  }
  return { text: fill(options.template, { context: rendered.join("\n\n") }), used: rendered.length };
}

/**
 * Puts the context into the request: as a system message after the client's own system
 * messages, or as text before the last user message's content. The request is copied, not
 * changed in place, so other holders of the original are unaffected.
 */
export function injectContext(request: ChatRequest, context: string, position: RagOptions["position"]): ChatRequest {
  const messages = [...request.messages];
  if (position === "before-last-user") {
    const last = messages.findLastIndex((message) => message.role === "user");
    const message = messages[last];
    if (message) {
      messages[last] = { ...message, content: [{ type: "text", text: context }, ...message.content] };
      return { ...request, messages };
    }
  }
  const firstOther = messages.findIndex((message) => message.role !== "system" && message.role !== "developer");
  const at = firstOther === -1 ? messages.length : firstOther;
  messages.splice(at, 0, { role: "system", content: [{ type: "text", text: context }] });
  return { ...request, messages };
}

/** Replaces {{name}} placeholders in one pass, so a chunk's text cannot inject placeholders. */
function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (match, name: string) => values[name] ?? match);
}
