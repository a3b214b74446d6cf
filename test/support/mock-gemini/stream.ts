// The write scripts of streamGenerateContent: SSE with CRLF separators (alt=sse), cut into TCP-like writes.
import { INTERNAL_MESSAGE } from "./errors.js";
import type { StreamStep } from "./http.js";
import type { GeminiReply } from "./reply.js";
import { streamChunks } from "./responses.js";
import { SCENARIO } from "./scenarios.js";
import type { JsonObject } from "./wire.js";

/** Google ends every event with CRLF CRLF; there is no event name and no [DONE]. */
export function encodeGeminiEvent(data: JsonObject | string): string {
  return `data: ${typeof data === "string" ? data : JSON.stringify(data)}\r\n\r\n`;
}

/** The offset just after the lead byte of the first multi-byte UTF-8 character, if any. */
function midCharacterOffset(bytes: Buffer): number | undefined {
  const lead = bytes.findIndex((byte) => byte >= 0xc0);
  return lead === -1 ? undefined : lead + 1;
}

/**
 * Cuts events into writes as TCP would deliver them: one event per write, except that the last
 * two share one; the second event split in its middle; the first event's CRLF CRLF split before
 * its final LF; and the first multi-byte character split between its bytes.
 */
export function planGeminiWrites(events: readonly string[]): Buffer[] {
  const whole = Buffer.from(events.join(""), "utf8");
  const cuts = new Set<number>();
  let offset = 0;
  events.forEach((event, index) => {
    const start = offset;
    const length = Buffer.byteLength(event);
    offset += length;
    if (index !== events.length - 2) cuts.add(offset);
    if (index === 0) cuts.add(offset - 1);
    if (index === Math.min(1, events.length - 1)) cuts.add(start + Math.floor(length / 2));
  });
  const midCharacter = midCharacterOffset(whole);
  if (midCharacter !== undefined) cuts.add(midCharacter);
  const ordered = [...cuts].filter((cut) => cut > 0 && cut < whole.length).sort((a, b) => a - b);
  const writes: Buffer[] = [];
  let previous = 0;
  for (const cut of [...ordered, whole.length]) {
    writes.push(whole.subarray(previous, cut));
    previous = cut;
  }
  return writes;
}

/** The planned writes a couple of milliseconds apart, so they arrive as separate reads. */
export function pacedSteps(events: readonly string[], gapMs = 2): StreamStep[] {
  const steps: StreamStep[] = [];
  for (const bytes of planGeminiWrites(events)) {
    if (steps.length > 0) steps.push({ kind: "pause", ms: gapMs });
    steps.push({ kind: "write", bytes });
  }
  steps.push({ kind: "end" });
  return steps;
}

export const IN_STREAM_ERROR: JsonObject = { error: { code: 500, message: INTERNAL_MESSAGE, status: "INTERNAL" } };

/** The write script of a streamed reply under the given scenario model. */
export function geminiStreamSteps(reply: GeminiReply, scenario: string): StreamStep[] {
  const events = streamChunks(reply).map((chunk) => encodeGeminiEvent(chunk));
  switch (scenario) {
    case SCENARIO.truncatedStream:
      // Every chunk but the last, so no candidate ever gets its finishReason.
      return pacedSteps(events.slice(0, Math.max(1, events.length - 1)));
    case SCENARIO.streamError:
      return pacedSteps([...events.slice(0, 1), encodeGeminiEvent(IN_STREAM_ERROR)]);
    case SCENARIO.resetMidStream:
      return [...pacedSteps(events.slice(0, 1)).slice(0, -1), { kind: "pause", ms: 50 }, { kind: "reset" }];
    case SCENARIO.garbage:
      return pacedSteps([encodeGeminiEvent("not json {")]);
    default:
      return pacedSteps(events);
  }
}

/** Without alt=sse the stream is one JSON array, written element by element. */
export function jsonArrayStreamSteps(reply: GeminiReply): StreamStep[] {
  const elements = streamChunks(reply).map((chunk) => JSON.stringify(chunk, null, 2));
  const steps: StreamStep[] = elements.map((element, index) => ({
    kind: "write",
    bytes: Buffer.from(`${index === 0 ? "[" : ",\r\n"}${element}\n`, "utf8"),
  }));
  return [...steps, { kind: "write", bytes: Buffer.from("]", "utf8") }, { kind: "end" }];
}
