import type { Framing } from "./chunk-stream.js";

/**
 * Newline-delimited JSON (Ollama's streams): hands over each line, without a trailing "\r",
 * skipping blank ones. A line split across reads is held until its newline arrives. Text left
 * without a final newline when the body ends is handed over as a last line, so the decoder can
 * tell a truncated object (it will not parse) from a complete one.
 */
export class NdjsonFraming implements Framing {
  /** The start of a line whose newline has not arrived yet. */
  private partial = "";

  constructor(private readonly onLine: (line: string) => void) {}

  feed(text: string): void {
    let start = 0;
    for (let newline = text.indexOf("\n"); newline !== -1; newline = text.indexOf("\n", start)) {
      const line = text.slice(start, newline);
      this.handOver(start === 0 ? this.partial + line : line);
      start = newline + 1;
    }
    this.partial = start === 0 ? this.partial + text : text.slice(start);
  }

  end(): void {
    const rest = this.partial;
    this.partial = "";
    this.handOver(rest);
  }

  private handOver(line: string): void {
    const text = line.endsWith("\r") ? line.slice(0, -1) : line;
    if (text.trim() !== "") this.onLine(text);
  }
}
