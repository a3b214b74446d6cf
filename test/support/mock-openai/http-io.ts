// node:http plumbing: reading bodies, sending JSON, and playing a stream script with realistic chunking.
import { once } from "node:events";
import type { IncomingMessage, ServerResponse } from "node:http";
import { setTimeout as delay } from "node:timers/promises";
import type { JsonObject } from "./wire.js";

/** One request/response pair as the responders see it. */
export interface Exchange {
  /** Sent as `x-request-id`. */
  requestId: string;
  response: ServerResponse;
  /** Lower-cased request header names, single values. */
  requestHeaders: Record<string, string>;
  /** Headers every response carries (`x-request-id`, `openai-processing-ms`, …), computed when called. */
  responseHeaders(): Record<string, string>;
  /** Aborted when the connection closes (client abort, mock reset, or mock shutdown). */
  signal: AbortSignal;
  /** Destroys the socket with a TCP RST; not counted as a client abort. */
  resetConnection(): void;
}

export async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks).toString("utf8");
}

/** Resolves true after `ms`, or false as soon as the signal aborts. */
export async function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  try {
    await delay(ms, undefined, { signal });
    return true;
  } catch {
    return false;
  }
}

export function sendJson(
  exchange: Exchange,
  status: number,
  body: JsonObject | string,
  extraHeaders: Record<string, string> = {},
): void {
  const { response } = exchange;
  if (response.destroyed) return;
  const text = typeof body === "string" ? body : JSON.stringify(body);
  response.writeHead(status, {
    ...exchange.responseHeaders(),
    ...extraHeaders,
    "content-type": "application/json",
    "content-length": String(Buffer.byteLength(text)),
  });
  response.end(text);
}

export function startEventStream(exchange: Exchange): void {
  const { response } = exchange;
  if (response.destroyed) return;
  response.writeHead(200, {
    ...exchange.responseHeaders(),
    "content-type": "text/event-stream; charset=utf-8",
    "cache-control": "no-cache",
  });
  response.flushHeaders();
}

export function encodeEvent(data: JsonObject | string): string {
  return `data: ${typeof data === "string" ? data : JSON.stringify(data)}\n\n`;
}

export type StreamStep =
  | { kind: "write"; bytes: Buffer }
  | { kind: "pause"; ms: number }
  | { kind: "reset" }
  | { kind: "end" };

/** Plays the script until it finishes or the connection goes away. */
export async function runStreamSteps(exchange: Exchange, steps: readonly StreamStep[]): Promise<void> {
  const { response } = exchange;
  for (const step of steps) {
    if (exchange.signal.aborted || response.destroyed) return;
    switch (step.kind) {
      case "write":
        if (!response.write(step.bytes)) {
          try {
            await once(response, "drain", { signal: exchange.signal });
          } catch {
            return;
          }
        }
        break;
      case "pause":
        if (!(await sleep(step.ms, exchange.signal))) return;
        break;
      case "reset":
        exchange.resetConnection();
        return;
      case "end":
        response.end();
        return;
    }
  }
}

/** The byte offset just after the lead byte of the first multi-byte UTF-8 character, if any. */
function midCharacterOffset(bytes: Buffer): number | undefined {
  const lead = bytes.findIndex((byte) => byte >= 0xc0);
  return lead === -1 ? undefined : lead + 1;
}

/**
 * Cuts SSE events into TCP-like writes: one event per write, except that the last two events share
 * one write, and one event is split across two writes in the middle of a multi-byte character (or
 * in its middle when the text is all ASCII).
 */
export function planWrites(events: readonly string[]): Buffer[] {
  const whole = Buffer.from(events.join(""), "utf8");
  const cuts = new Set<number>();
  let offset = 0;
  events.forEach((event, index) => {
    const start = offset;
    offset += Buffer.byteLength(event);
    if (index !== events.length - 2) cuts.add(offset);
    if (index === Math.min(1, events.length - 1)) cuts.add(start + Math.floor(Buffer.byteLength(event) / 2));
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

/** A normal stream: the planned writes, a couple of milliseconds apart so they arrive as separate reads. */
export function pacedStreamSteps(events: readonly string[], gapMs = 2): StreamStep[] {
  const steps: StreamStep[] = [];
  for (const bytes of planWrites(events)) {
    if (steps.length > 0) steps.push({ kind: "pause", ms: gapMs });
    steps.push({ kind: "write", bytes });
  }
  steps.push({ kind: "end" });
  return steps;
}
