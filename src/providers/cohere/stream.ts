import type { EventSourceMessage } from "eventsource-parser";
import type { StreamChunk, StreamEvent } from "../../contract/stream-event.js";
import type { AbortSource } from "../../outbound/abort-scope.js";
import { ChunkStream } from "../../outbound/chunk-stream.js";
import { SseFraming } from "../../outbound/sse-framing.js";
import { ChunkDecoderBase } from "../chunk-decoder-base.js";
import { pushStreamPreamble } from "../shared-chat-wire/stream-preamble.js";
import { cohereUpstreamError } from "./errors.js";
import { mapCohereFinishReason } from "./map-cohere-finish-reason.js";
import { mapCohereUsage } from "./map-cohere-usage.js";
import type { CohereStreamEvent } from "./wire-types.js";

/**
 * Reads a Cohere v2 chat stream (SSE with `event:` names, providers.md 6.1) into canonical
 * chunks, one per network read. The stream is complete at `message-end`; EOF before it is a
 * truncation.
 */
export function readCohereChatStream(
  body: AsyncIterable<Buffer>,
  provider: string,
  upstreamModel: string,
  signal: AbortSource,
): AsyncIterableIterator<StreamChunk> {
  return new ChunkStream(body, SseFraming, new CohereEventDecoder(provider, upstreamModel), provider, signal);
}

/**
 * Turns Cohere stream events into canonical ones, numbering tool calls in the order they start.
 * The stream is complete at message-end, even one that reports an error.
 */
class CohereEventDecoder extends ChunkDecoderBase<EventSourceMessage> {
  private started = false;
  /** Cohere's tool-call index → the canonical toolIndex. */
  private readonly toolIndexes = new Map<number, number>();
  /** Tool calls that have received argument text, so an empty one can be completed with "{}". */
  private readonly toolsWithArguments = new Set<number>();

  constructor(
    provider: string,
    private readonly upstreamModel: string,
  ) {
    super(provider);
  }

  decode(message: EventSourceMessage): StreamChunk | undefined {
    const events: StreamEvent[] = [];
    this.decodeInto(message, events);
    return events.length > 0 ? { events } : undefined;
  }

  private decodeInto(message: EventSourceMessage, events: StreamEvent[]): void {
    // Some captures end with an OpenAI-style sentinel; message-end has already said everything.
    if (message.data === "[DONE]") return;
    let event: CohereStreamEvent;
    try {
      event = JSON.parse(message.data) as CohereStreamEvent;
    } catch {
      this.failInto(events, this.badItem("a stream event that is not JSON"));
      return;
    }
    const delta = event.delta?.message;
    switch (event.type ?? message.event) {
      case "message-start":
        this.start(events, event.id);
        return;
      case "content-delta":
        this.start(events);
        if (delta?.content?.text) events.push({ type: "text-delta", choiceIndex: 0, text: delta.content.text });
        if (delta?.content?.thinking) {
          events.push({ type: "reasoning-delta", choiceIndex: 0, text: delta.content.thinking });
        }
        return;
      case "tool-plan-delta":
        this.start(events);
        if (delta?.tool_plan) events.push({ type: "text-delta", choiceIndex: 0, text: delta.tool_plan });
        return;
      case "tool-call-start":
        this.start(events);
        this.toolCallStart(event, events);
        return;
      case "tool-call-delta": {
        const toolIndex = this.toolIndexes.get(event.index ?? 0);
        const argumentsDelta = delta?.tool_calls?.function?.arguments;
        if (toolIndex === undefined || !argumentsDelta) return;
        this.toolsWithArguments.add(toolIndex);
        events.push({ type: "tool-input-delta", choiceIndex: 0, toolIndex, argumentsDelta });
        return;
      }
      case "tool-call-end": {
        const toolIndex = this.toolIndexes.get(event.index ?? 0);
        if (toolIndex !== undefined && !this.toolsWithArguments.has(toolIndex)) {
          // A tool without parameters gets no argument text at all; OpenAI clients expect JSON.
          events.push({ type: "tool-input-delta", choiceIndex: 0, toolIndex, argumentsDelta: "{}" });
        }
        return;
      }
      case "message-end":
        this.end(event, events);
        return;
      default:
        // content-start/-end, citation-*, debug: nothing canonical to say.
        // An error body in place of an event (`{"message":"…"}`) ends the stream.
        if (event.type === undefined && typeof event.message === "string") {
          this.failInto(events, cohereUpstreamError(event.message, 502, this.provider));
        }
        return;
    }
  }

  private start(events: StreamEvent[], id?: string): void {
    if (this.started) return;
    this.started = true;
    pushStreamPreamble(events, id ?? "", this.upstreamModel, Math.floor(Date.now() / 1000));
  }

  private toolCallStart(event: CohereStreamEvent, events: StreamEvent[]): void {
    const call = event.delta?.message?.tool_calls;
    const toolIndex = this.toolIndexes.size;
    this.toolIndexes.set(event.index ?? toolIndex, toolIndex);
    events.push({
      type: "tool-input-start",
      choiceIndex: 0,
      toolIndex,
      id: call?.id ?? `call_${toolIndex}`,
      name: call?.function?.name ?? "",
    });
    const initial = call?.function?.arguments;
    if (initial) {
      this.toolsWithArguments.add(toolIndex);
      events.push({ type: "tool-input-delta", choiceIndex: 0, toolIndex, argumentsDelta: initial });
    }
  }

  private end(event: CohereStreamEvent, events: StreamEvent[]): void {
    this.complete = true;
    this.start(events);
    const delta = event.delta ?? {};
    const finishReason = mapCohereFinishReason(delta.finish_reason, this.toolIndexes.size > 0);
    if (finishReason.unified === "error" || delta.error) {
      const message = delta.error || `Provider "${this.provider}" stopped generating (${finishReason.raw}).`;
      events.push({ type: "error", error: cohereUpstreamError(message, 502, this.provider) });
      return;
    }
    events.push({ type: "finish", choiceIndex: 0, finishReason });
    if (delta.usage) events.push({ type: "usage", usage: mapCohereUsage(delta.usage) });
  }
}
