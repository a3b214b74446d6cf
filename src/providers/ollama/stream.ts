import type { StreamChunk, StreamEvent } from "../../contract/stream-event.js";
import type { AbortSource } from "../../outbound/abort-scope.js";
import { ChunkStream } from "../../outbound/chunk-stream.js";
import { NdjsonFraming } from "../../outbound/ndjson-framing.js";
import { ChunkDecoderBase } from "../chunk-decoder-base.js";
import { pushStreamPreamble } from "../shared-chat-wire/stream-preamble.js";
import { ollamaUpstreamError } from "./errors.js";
import { fromOllamaToolCall, newOllamaResponseId, ollamaCreated } from "./from-wire.js";
import { mapOllamaFinishReason } from "./map-ollama-finish-reason.js";
import { mapOllamaUsage } from "./map-ollama-usage.js";
import type { OllamaChatLine } from "./wire-types.js";

/**
 * Reads an Ollama `/api/chat` NDJSON stream into canonical chunks, one chunk per network read.
 * The stream is complete at the line with `done: true`; EOF before it is a truncation, and an
 * `{"error":…}` line is the upstream failing after HTTP 200.
 */
export function readOllamaChatStream(
  body: AsyncIterable<Buffer>,
  provider: string,
  upstreamModel: string,
  signal: AbortSource,
): AsyncIterableIterator<StreamChunk> {
  return new ChunkStream(body, NdjsonFraming, new OllamaLineDecoder(provider, upstreamModel), provider, signal);
}

/** Complete at the done line; only that line ends a stream whole. */
class OllamaLineDecoder extends ChunkDecoderBase<string> {
  private started = false;
  private toolCount = 0;

  constructor(
    provider: string,
    private readonly upstreamModel: string,
  ) {
    super(provider);
  }

  decode(text: string): StreamChunk | undefined {
    let line: OllamaChatLine;
    try {
      line = JSON.parse(text) as OllamaChatLine;
    } catch {
      return this.failedChunk(this.badItem("a stream line that is not JSON"));
    }
    if (typeof line !== "object" || line === null) {
      return this.failedChunk(this.badItem("a stream line that is not an object"));
    }
    if (typeof line.error === "string") {
      return this.failedChunk(ollamaUpstreamError(line.error, 502, this.provider));
    }
    const events: StreamEvent[] = [];
    if (!this.started) {
      this.started = true;
      const model = line.model ?? this.upstreamModel;
      pushStreamPreamble(events, newOllamaResponseId(), model, ollamaCreated(line.created_at));
    }
    const message = line.message;
    if (message?.thinking) events.push({ type: "reasoning-delta", choiceIndex: 0, text: message.thinking });
    if (message?.content) events.push({ type: "text-delta", choiceIndex: 0, text: message.content });
    for (const call of message?.tool_calls ?? []) {
      // Each call arrives whole, in one line.
      const toolIndex = this.toolCount++;
      const part = fromOllamaToolCall(call, toolIndex);
      events.push({ type: "tool-input-start", choiceIndex: 0, toolIndex, id: part.id, name: part.name });
      events.push({ type: "tool-input-delta", choiceIndex: 0, toolIndex, argumentsDelta: part.arguments });
    }
    if (line.done === true) {
      this.complete = true;
      const finishReason = mapOllamaFinishReason(line.done_reason, this.toolCount > 0);
      events.push({ type: "finish", choiceIndex: 0, finishReason });
      events.push({ type: "usage", usage: mapOllamaUsage(line) });
    }
    return events.length > 0 ? { events } : undefined;
  }
}
