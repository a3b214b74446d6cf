import type { EventSourceMessage } from "eventsource-parser";
import type { StreamChunk, StreamEvent } from "../../contract/stream-event.js";
import type { Usage } from "../../contract/usage.js";
import type { AbortSource } from "../../outbound/abort-scope.js";
import { ChunkStream } from "../../outbound/chunk-stream.js";
import { SseFraming } from "../../outbound/sse-framing.js";
import { ChoiceProgress } from "../choice-progress.js";
import { ChunkDecoderBase } from "../chunk-decoder-base.js";
import { fromGeminiErrorObject } from "./errors.js";
import { fromGeminiPart, geminiResponseId } from "./from-wire.js";
import { blockedPromptFinishReason, mapGeminiFinishReason } from "./map-gemini-finish-reason.js";
import { mapGeminiUsage } from "./map-gemini-usage.js";
import { GeminiToolCallIds } from "./tool-call-ids.js";
import type { GeminiCandidate, GeminiGenerateContentResponse } from "./wire-types.js";

/**
 * Reads `:streamGenerateContent?alt=sse` into canonical chunks. Each SSE event is a whole
 * GenerateContentResponse holding only the new parts; function calls arrive whole, so each
 * gives one tool-input-start and one tool-input-delta. usageMetadata is cumulative on every
 * event, so only the last one is reported, once, when the stream ends. There is no terminal
 * event: a stream that closes before every candidate has a finishReason was cut short. A stream
 * that fails still reports the usage seen so far, before its error event, so it can be billed.
 */
export function readGeminiStream(
  body: AsyncIterable<Buffer>,
  provider: string,
  upstreamModel: string,
  signal: AbortSource,
): AsyncIterableIterator<StreamChunk> {
  return new ChunkStream(body, SseFraming, new GeminiChunkDecoder(provider, upstreamModel), provider, signal);
}

/** No event ends a Gemini stream: only the body's end does, whole once every candidate finished. */
class GeminiChunkDecoder extends ChunkDecoderBase<EventSourceMessage> {
  private ids: GeminiToolCallIds | undefined;
  private promptBlocked = false;
  private usage: Usage | undefined;
  private readonly choices = new ChoiceProgress();
  private readonly toolCounts = new Map<number, number>();

  constructor(
    provider: string,
    private readonly upstreamModel: string,
  ) {
    super(provider);
  }

  /** The usage, reported once when the stream ends. */
  override heldEvents(): StreamEvent[] {
    return this.usage ? [{ type: "usage", usage: this.usage }] : [];
  }

  decode(message: EventSourceMessage): StreamChunk | undefined {
    const events: StreamEvent[] = [];
    this.decodeInto(message, events);
    return events.length > 0 ? { events } : undefined;
  }

  /** Whether the stream reached its natural end: every candidate finished, or the prompt was blocked. */
  protected override endedWhole(): boolean {
    if (this.promptBlocked) return true;
    return this.choices.allFinished();
  }

  private decodeInto(message: EventSourceMessage, events: StreamEvent[]): void {
    let chunk: GeminiGenerateContentResponse;
    try {
      chunk = JSON.parse(message.data) as GeminiGenerateContentResponse;
    } catch {
      this.failInto(events, this.badItem("a stream event that is not JSON"));
      return;
    }
    if (typeof chunk !== "object" || chunk === null) {
      this.failInto(events, this.badItem("a stream event that is not an object"));
      return;
    }
    if (chunk.error) {
      this.failInto(events, fromGeminiErrorObject(chunk.error, chunk.error.code ?? 502, this.provider));
      return;
    }
    const ids = this.ids ?? this.start(chunk, events);
    const candidates = chunk.candidates ?? [];
    candidates.forEach((candidate, position) => {
      this.decodeCandidate(candidate, candidate.index ?? position, ids, events);
    });
    const blockReason = chunk.promptFeedback?.blockReason;
    if (candidates.length === 0 && blockReason && !this.promptBlocked) {
      this.promptBlocked = true;
      events.push({ type: "role-start", choiceIndex: 0 });
      events.push({ type: "finish", choiceIndex: 0, finishReason: blockedPromptFinishReason(blockReason) });
    }
    if (chunk.usageMetadata) this.usage = mapGeminiUsage(chunk.usageMetadata);
  }

  /** The first event names the response; its responseId also seeds the tool-call ids. */
  private start(chunk: GeminiGenerateContentResponse, events: StreamEvent[]): GeminiToolCallIds {
    this.ids = new GeminiToolCallIds(chunk.responseId);
    events.push({
      type: "stream-start",
      id: geminiResponseId(chunk.responseId),
      model: chunk.modelVersion ?? this.upstreamModel,
      created: Math.floor(Date.now() / 1000),
    });
    return this.ids;
  }

  private decodeCandidate(
    candidate: GeminiCandidate,
    choiceIndex: number,
    ids: GeminiToolCallIds,
    events: StreamEvent[],
  ): void {
    if (this.choices.hasFinished(choiceIndex)) return;
    if (this.choices.begin(choiceIndex)) events.push({ type: "role-start", choiceIndex });
    for (const wirePart of candidate.content?.parts ?? []) {
      const part = fromGeminiPart(wirePart, ids);
      if (part?.type === "text" && part.text !== "") events.push({ type: "text-delta", choiceIndex, text: part.text });
      else if (part?.type === "reasoning") {
        events.push({ type: "reasoning-delta", choiceIndex, text: part.text, ...signatureField(part.signature) });
      } else if (part?.type === "tool-call") {
        const toolIndex = this.toolCounts.get(choiceIndex) ?? 0;
        this.toolCounts.set(choiceIndex, toolIndex + 1);
        events.push({
          type: "tool-input-start",
          choiceIndex,
          toolIndex,
          id: part.id,
          name: part.name,
          ...(part.providerOptions ? { providerOptions: part.providerOptions } : {}),
        });
        events.push({ type: "tool-input-delta", choiceIndex, toolIndex, argumentsDelta: part.arguments });
      }
    }
    if (candidate.finishReason) {
      this.choices.finish(choiceIndex);
      const finishReason = mapGeminiFinishReason(candidate.finishReason);
      if (finishReason.unified === "stop" && this.toolCounts.has(choiceIndex)) finishReason.unified = "tool_calls";
      events.push({ type: "finish", choiceIndex, finishReason });
    }
  }
}

function signatureField(signature: string | undefined): { signature?: string } {
  return signature === undefined ? {} : { signature };
}
