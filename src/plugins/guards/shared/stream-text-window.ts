import type { StreamEvent } from "../../../contract/stream-event.js";

/**
 * Decides how much of the buffered text may go out now. `final` is true at the end of the
 * choice. Returns the processed text to send and the raw tail to keep for the next delta.
 */
export type WindowStep = (buffer: string, final: boolean) => { emit: string; keep: string };

/**
 * Holds back the tail of each choice's streamed text so that a pattern split across two deltas
 * is seen whole before any of it reaches the client. One instance per request.
 */
export class StreamTextWindow {
  private readonly pending = new Map<number, string>();

  constructor(private readonly step: WindowStep) {}

  /** Feeds one stream event; returns what a stream hook should return for it. */
  handle(event: StreamEvent): StreamEvent | StreamEvent[] | null | undefined {
    if (event.type === "text-delta") {
      const buffer = (this.pending.get(event.choiceIndex) ?? "") + event.text;
      const { emit, keep } = this.step(buffer, false);
      this.pending.set(event.choiceIndex, keep);
      return emit.length > 0 ? { ...event, text: emit } : null;
    }
    if (event.type === "finish") {
      const buffer = this.pending.get(event.choiceIndex) ?? "";
      this.pending.delete(event.choiceIndex);
      if (buffer.length === 0) return undefined;
      const { emit } = this.step(buffer, true);
      return emit.length > 0 ? [{ type: "text-delta", choiceIndex: event.choiceIndex, text: emit }, event] : undefined;
    }
    return undefined;
  }
}

/**
 * The cut point of a window: `buffer.length - holdBack`, moved back to the start of any
 * match that spans it so that a match is always processed whole.
 */
export function safeCut(buffer: string, holdBack: number, final: boolean, patterns: readonly RegExp[]): number {
  let cut = final ? buffer.length : Math.max(0, buffer.length - holdBack);
  if (final) return cut;
  let moved = true;
  while (moved && cut > 0) {
    moved = false;
    for (const pattern of patterns) {
      for (const match of buffer.matchAll(globalOf(pattern))) {
        const start = match.index;
        const end = start + match[0].length;
        if (start < cut && end > cut) {
          cut = start;
          moved = true;
        }
      }
    }
  }
  return cut;
}

/** The same pattern with the g flag, for matchAll and replace-all. */
export function globalOf(pattern: RegExp): RegExp {
  return pattern.global ? pattern : new RegExp(pattern.source, `${pattern.flags}g`);
}
