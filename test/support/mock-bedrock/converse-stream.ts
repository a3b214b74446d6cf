// ConverseStream as binary event-stream frames (providers.md 5.4 and 5.5): valid CRCs from
// EventStreamCodec, a random-length "p" padding field in every payload, and frames cut across
// TCP writes (inside a prelude, mid-payload, and several frames in one write).
import { randomInt } from "node:crypto";
import { EventStreamCodec } from "@smithy/eventstream-codec";
import { fromUtf8, toUtf8 } from "@smithy/util-utf8";
import type { StreamStep } from "../mock-openai/http-io.js";
import { type JsonObject, textPieces } from "../mock-openai/wire.js";
import type { ConverseReply } from "./converse-reply.js";
import { THROTTLING_MESSAGE } from "./errors.js";
import { SCENARIO } from "./scenarios.js";

const codec = new EventStreamCodec(toUtf8, fromUtf8);
const PADDING_ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

function padding(): string {
  return PADDING_ALPHABET.slice(0, randomInt(1, PADDING_ALPHABET.length));
}

function stringHeader(value: string) {
  return { type: "string" as const, value };
}

export function eventFrame(eventType: string, payload: JsonObject): Buffer {
  return Buffer.from(
    codec.encode({
      headers: {
        ":event-type": stringHeader(eventType),
        ":content-type": stringHeader("application/json"),
        ":message-type": stringHeader("event"),
      },
      body: fromUtf8(JSON.stringify({ ...payload, p: padding() })),
    }),
  );
}

export function exceptionFrame(exceptionType: string, message: string): Buffer {
  return Buffer.from(
    codec.encode({
      headers: {
        ":exception-type": stringHeader(exceptionType),
        ":content-type": stringHeader("application/json"),
        ":message-type": stringHeader("exception"),
      },
      body: fromUtf8(JSON.stringify({ message })),
    }),
  );
}

/** The frames of a whole reply, in order, ending with messageStop and the trailing metadata. */
export function replyFrames(reply: ConverseReply, latencyMs: number): Buffer[] {
  const frames = [eventFrame("messageStart", { role: "assistant" })];
  let index = 0;
  if (reply.reasoning) {
    for (const piece of textPieces(reply.reasoning.text)) {
      frames.push(
        eventFrame("contentBlockDelta", { contentBlockIndex: index, delta: { reasoningContent: { text: piece } } }),
      );
    }
    frames.push(
      eventFrame("contentBlockDelta", {
        contentBlockIndex: index,
        delta: { reasoningContent: { signature: reply.reasoning.signature } },
      }),
      eventFrame("contentBlockStop", { contentBlockIndex: index }),
    );
    index++;
  }
  if (reply.textPieces.length > 0) {
    for (const piece of reply.textPieces) {
      frames.push(eventFrame("contentBlockDelta", { contentBlockIndex: index, delta: { text: piece } }));
    }
    frames.push(eventFrame("contentBlockStop", { contentBlockIndex: index }));
    index++;
  }
  for (const use of reply.toolUses) {
    frames.push(
      eventFrame("contentBlockStart", {
        contentBlockIndex: index,
        start: { toolUse: { toolUseId: use.toolUseId, name: use.name } },
      }),
    );
    for (const fragment of textPieces(JSON.stringify(use.input))) {
      frames.push(
        eventFrame("contentBlockDelta", { contentBlockIndex: index, delta: { toolUse: { input: fragment } } }),
      );
    }
    frames.push(eventFrame("contentBlockStop", { contentBlockIndex: index }));
    index++;
  }
  frames.push(
    eventFrame("messageStop", { stopReason: reply.stopReason }),
    eventFrame("metadata", { usage: reply.usage, metrics: { latencyMs } }),
  );
  return frames;
}

/**
 * Cuts frames into TCP-like writes: one frame per write, except that the first write ends five
 * bytes into the second frame's prelude, the third frame is split in its middle, and the last
 * two frames share one write.
 */
export function planFrameWrites(frames: readonly Buffer[]): Buffer[] {
  const whole = Buffer.concat(frames);
  const cuts = new Set<number>();
  let offset = 0;
  frames.forEach((frame, index) => {
    const start = offset;
    offset += frame.length;
    if (index === 1) cuts.add(start + 5);
    else if (index !== frames.length - 2) cuts.add(offset);
    if (index === 2) cuts.add(start + Math.floor(frame.length / 2));
  });
  const ordered = [...cuts].filter((cut) => cut > 0 && cut < whole.length).sort((a, b) => a - b);
  const writes: Buffer[] = [];
  let previous = 0;
  for (const cut of [...ordered, whole.length]) {
    writes.push(whole.subarray(previous, cut));
    previous = cut;
  }
  return writes;
}

function pacedSteps(writes: readonly Buffer[], gapMs: number): StreamStep[] {
  const steps: StreamStep[] = [];
  for (const bytes of writes) {
    if (steps.length > 0) steps.push({ kind: "pause", ms: gapMs });
    steps.push({ kind: "write", bytes });
  }
  steps.push({ kind: "end" });
  return steps;
}

function corruptMessageCrc(frame: Buffer): Buffer {
  const copy = Buffer.from(frame);
  copy[copy.length - 1] = (copy[copy.length - 1] ?? 0) ^ 0xff;
  return copy;
}

/** The write script of a ConverseStream answer under the given scenario model. */
export function converseStreamSteps(reply: ConverseReply, scenario: string, delayMs: number): StreamStep[] {
  const frames = replyFrames(reply, 100 + reply.textPieces.length);
  switch (scenario) {
    case SCENARIO.streamException:
      return pacedSteps([frames[0] as Buffer, exceptionFrame("throttlingException", THROTTLING_MESSAGE)], 5);
    case SCENARIO.badCrc:
      return pacedSteps(planFrameWrites([corruptMessageCrc(frames[0] as Buffer), ...frames.slice(1)]), 2);
    case SCENARIO.truncatedStream: {
      const cut = frames.slice(0, 3);
      const next = frames[3] ?? (frames.at(-1) as Buffer);
      return pacedSteps([...cut, next.subarray(0, Math.floor(next.length / 2))], 2);
    }
    case SCENARIO.slowStream:
      return pacedSteps(frames, delayMs);
    default:
      return pacedSteps(planFrameWrites(frames), 2);
  }
}
