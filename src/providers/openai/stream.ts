import type { EventSourceMessage } from "eventsource-parser";
import type { StreamChunk, StreamEvent } from "../../contract/stream-event.js";
import type { AbortSource } from "../../outbound/abort-scope.js";
import { ChunkStream } from "../../outbound/chunk-stream.js";
import { SseFraming } from "../../outbound/sse-framing.js";
import { ChoiceProgress } from "../choice-progress.js";
import { ChunkDecoderBase } from "../chunk-decoder-base.js";
import { fromOpenAIErrorObject } from "./errors.js";
import { mapOpenAIFinishReason } from "./map-openai-finish-reason.js";
import { mapOpenAIUsage } from "./map-openai-usage.js";
import type { OpenAIChatChunk, OpenAIUsage } from "./wire-types.js";

/**
 * Reads an OpenAI-format SSE stream into canonical chunks. Each chunk keeps its original data
 * text so same-dialect clients get the bytes as the upstream sent them.
 */
export function readOpenAIChatStream(
  body: AsyncIterable<Buffer>,
  provider: string,
  signal: AbortSource,
): AsyncIterableIterator<StreamChunk> {
  return new ChunkStream(body, SseFraming, new OpenAIChunkDecoder(provider), provider, signal);
}

/** Complete at [DONE]. */
class OpenAIChunkDecoder extends ChunkDecoderBase<EventSourceMessage> {
  private started = false;
  private readonly choices = new ChoiceProgress();

  /** A stream without [DONE] is still whole once every choice finished. */
  protected override endedWhole(): boolean {
    return this.choices.allFinished();
  }

  decode(message: EventSourceMessage): StreamChunk | undefined {
    if (message.data === "[DONE]") {
      this.complete = true;
      return undefined;
    }
    const passthrough = { format: "openai-chat" as const, data: message.data };
    let chunk: OpenAIChatChunk;
    try {
      chunk = JSON.parse(message.data) as OpenAIChatChunk;
    } catch {
      return this.failedChunk(this.badItem("a stream event that is not JSON"));
    }
    if (chunk.error || message.event === "error") {
      const events: StreamEvent[] = [];
      this.failInto(events, fromOpenAIErrorObject(chunk.error ?? {}, 502, this.provider));
      return { events, passthrough };
    }
    const events: StreamEvent[] = [];
    if (!this.started && chunk.id !== undefined && chunk.id !== "") {
      this.started = true;
      events.push({ type: "stream-start", id: chunk.id, model: chunk.model, created: chunk.created });
    }
    for (const choice of chunk.choices ?? []) this.decodeChoice(choice, events);
    const usage = chunk.usage ?? (chunk.x_groq as { usage?: OpenAIUsage } | undefined)?.usage;
    if (usage) events.push({ type: "usage", usage: mapOpenAIUsage(usage) });
    return { events, passthrough };
  }

  private decodeChoice(choice: OpenAIChatChunk["choices"][number], events: StreamEvent[]): void {
    const choiceIndex = choice.index ?? 0;
    const delta = choice.delta;
    if (delta) {
      const first = this.choices.begin(choiceIndex);
      if (delta.role && first) events.push({ type: "role-start", choiceIndex });
      if (delta.reasoning_content) events.push({ type: "reasoning-delta", choiceIndex, text: delta.reasoning_content });
      if (delta.content) events.push({ type: "text-delta", choiceIndex, text: delta.content });
      if (delta.refusal) events.push({ type: "refusal-delta", choiceIndex, text: delta.refusal });
      for (const call of delta.tool_calls ?? []) {
        const toolIndex = call.index ?? 0;
        if (call.id) {
          events.push({
            type: "tool-input-start",
            choiceIndex,
            toolIndex,
            id: call.id,
            name: call.function?.name ?? "",
          });
        }
        if (call.function?.arguments) {
          events.push({ type: "tool-input-delta", choiceIndex, toolIndex, argumentsDelta: call.function.arguments });
        }
      }
    }
    if (choice.logprobs != null) events.push({ type: "logprobs", choiceIndex, logprobs: choice.logprobs });
    if (choice.finish_reason) {
      this.choices.finish(choiceIndex);
      events.push({ type: "finish", choiceIndex, finishReason: mapOpenAIFinishReason(choice.finish_reason) });
    }
  }
}
