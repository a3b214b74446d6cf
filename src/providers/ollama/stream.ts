import { decodeStreamBatches } from "../../outbound/decode-stream-batches.js";
import { readNdjsonLines } from "../../outbound/read-ndjson.js";
import { GatewayError } from "../../spec/errors.js";
import type { StreamChunk, StreamEvent } from "../../spec/stream-event.js";
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
export async function* readOllamaChatStream(
  body: AsyncIterable<Buffer>,
  provider: string,
  upstreamModel: string,
  signal: AbortSignal,
): AsyncGenerator<StreamChunk> {
  const decoder = new OllamaLineDecoder(provider, upstreamModel);
  yield* decodeStreamBatches(readNdjsonLines(body), decoder, provider, signal);
}

class OllamaLineDecoder {
  /** True after the done line, an error line or a line that cannot be read. */
  ended = false;
  private started = false;
  private toolCount = 0;

  constructor(
    private readonly provider: string,
    private readonly upstreamModel: string,
  ) {}

  decode(text: string, events: StreamEvent[]): void {
    let line: OllamaChatLine;
    try {
      line = JSON.parse(text) as OllamaChatLine;
    } catch {
      this.fail(events, `Provider "${this.provider}" sent a stream line that is not JSON.`);
      return;
    }
    if (typeof line !== "object" || line === null) {
      this.fail(events, `Provider "${this.provider}" sent a stream line that is not an object.`);
      return;
    }
    if (typeof line.error === "string") {
      this.ended = true;
      events.push({ type: "error", error: ollamaUpstreamError(line.error, 502, this.provider) });
      return;
    }
    if (!this.started) {
      this.started = true;
      const id = newOllamaResponseId();
      events.push({
        type: "stream-start",
        id,
        model: line.model ?? this.upstreamModel,
        created: ollamaCreated(line.created_at),
      });
      events.push({ type: "role-start", choiceIndex: 0 });
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
      this.ended = true;
      const finishReason = mapOllamaFinishReason(line.done_reason, this.toolCount > 0);
      events.push({ type: "finish", choiceIndex: 0, finishReason });
      events.push({ type: "usage", usage: mapOllamaUsage(line) });
    }
  }

  private fail(events: StreamEvent[], message: string): void {
    this.ended = true;
    const error = new GatewayError("upstream_bad_response", message, { upstream: { provider: this.provider } });
    events.push({ type: "error", error });
  }
}
