import { Utf8StreamDecoder } from "./utf8-stream-decoder.js";

/**
 * Decodes a newline-delimited JSON body (Ollama's streams) once, in one place: yields the complete
 * lines of each network read as a batch. A line split across reads is held back until its newline
 * arrives; a UTF-8 character split across reads is joined by the stream decoder. Blank lines are
 * skipped and a trailing "\r" is dropped. Text left without a final newline when the body ends
 * is yielded as a last line, so the caller can tell a truncated object (it will not parse) from a
 * complete one.
 */
export async function* readNdjsonLines(body: AsyncIterable<Buffer | Uint8Array>): AsyncGenerator<string[]> {
  const decoder = new Utf8StreamDecoder();
  let pending = "";
  for await (const chunk of body) {
    const text = pending + decoder.write(chunk);
    const lastNewline = text.lastIndexOf("\n");
    if (lastNewline === -1) {
      pending = text;
      continue;
    }
    pending = text.slice(lastNewline + 1);
    const lines = completeLines(text.slice(0, lastNewline));
    if (lines.length > 0) yield lines;
  }
  const rest = completeLines(pending + decoder.end());
  if (rest.length > 0) yield rest;
}

function completeLines(text: string): string[] {
  const lines: string[] = [];
  for (const raw of text.split("\n")) {
    const line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    if (line.trim() !== "") lines.push(line);
  }
  return lines;
}
