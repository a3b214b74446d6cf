import { toUtf8 } from "@smithy/util-utf8";
import { GatewayError } from "../../contract/errors.js";
import type { StreamChunk, StreamEvent } from "../../contract/stream-event.js";
import type { AbortSource } from "../../outbound/abort-scope.js";
import {
  AwsEventStreamError,
  type AwsEventStreamMessage,
  readAwsEventStream,
  stringHeader,
} from "../../outbound/read-aws-event-stream.js";
import { streamTruncated } from "../../outbound/stream-truncated.js";
import { toUpstreamError } from "../../outbound/to-upstream-error.js";
import { pushStreamPreamble } from "../shared-chat-wire/stream-preamble.js";
import { fromBedrockStreamException } from "./errors.js";
import type { BedrockResponseIdentity } from "./from-wire.js";
import { mapBedrockStopReason, withToolCallsRule } from "./map-bedrock-stop-reason.js";
import { mapBedrockUsage } from "./map-bedrock-usage.js";
import type {
  BedrockContentBlockDelta,
  BedrockContentBlockStart,
  BedrockMessageStop,
  BedrockStreamMetadata,
} from "./wire-types.js";

export interface BedrockStreamContext {
  provider: string;
  identity: BedrockResponseIdentity;
  requestId: string | undefined;
  signal: AbortSource;
}

/**
 * Reads a ConverseStream body into canonical chunks, one per network read. The finish waits for
 * the trailing `metadata` event so finish and usage go out together, as OpenAI sends them.
 * Exception frames, corrupt frames and an early end become one `error` event, then the stream stops.
 */
export async function* readBedrockConverseStream(
  body: AsyncIterable<Uint8Array>,
  context: BedrockStreamContext,
): AsyncGenerator<StreamChunk> {
  const decoder = new BedrockStreamDecoder(context);
  try {
    for await (const messages of readAwsEventStream(body)) {
      const events: StreamEvent[] = [];
      for (const message of messages) {
        decoder.decode(message, events);
        if (decoder.failed) break;
      }
      if (events.length > 0) yield { events };
      if (decoder.failed) return;
    }
  } catch (error) {
    // A failure after the trailing metadata loses nothing: the answer is already whole.
    if (!decoder.complete) yield { events: [{ type: "error", error: streamFailure(error, context) }] };
    return;
  }
  const ending = decoder.finishWithoutMetadata();
  if (ending.length > 0) yield { events: ending };
}

function streamFailure(error: unknown, context: BedrockStreamContext): GatewayError {
  const upstream = { provider: context.provider, requestId: context.requestId };
  if (error instanceof AwsEventStreamError) {
    return error.kind === "truncated"
      ? new GatewayError("upstream_stream_error", `Provider "${context.provider}" ended the stream mid-message.`, {
          upstream,
          cause: error,
        })
      : new GatewayError(
          "upstream_bad_response",
          `Provider "${context.provider}" sent a corrupt event-stream frame: ${error.message}`,
          { upstream, cause: error },
        );
  }
  return toUpstreamError(error, context.provider, context.signal);
}

class BedrockStreamDecoder {
  failed = false;
  /** True once the trailing metadata event arrived. */
  complete = false;
  private started = false;
  private stopReason: string | undefined;
  private stopped = false;
  /** contentBlockIndex of each tool use → its position among the message's tool calls. */
  private readonly toolIndexes = new Map<number, number>();

  constructor(private readonly context: BedrockStreamContext) {}

  decode(message: AwsEventStreamMessage, events: StreamEvent[]): void {
    const failure = this.decodeMessage(message, events);
    if (failure) {
      this.failed = true;
      events.push({ type: "error", error: failure });
    }
  }

  /** Adds the message's events; answers the error that ends the stream, if it carries one. */
  private decodeMessage(message: AwsEventStreamMessage, events: StreamEvent[]): GatewayError | undefined {
    const { provider, requestId } = this.context;
    const payload = toUtf8(message.body);
    const messageType = stringHeader(message.headers, ":message-type") ?? "event";
    if (messageType === "exception") {
      const type = stringHeader(message.headers, ":exception-type") ?? "internalServerException";
      return fromBedrockStreamException(type, payload, provider, requestId);
    }
    if (messageType === "error") {
      const code = stringHeader(message.headers, ":error-code") ?? "InternalFailure";
      const text = stringHeader(message.headers, ":error-message") ?? payload;
      return fromBedrockStreamException(code, JSON.stringify({ message: text }), provider, requestId);
    }
    let data: unknown;
    try {
      data = JSON.parse(payload);
    } catch {
      return this.badResponse("an event whose payload is not JSON");
    }
    if (typeof data !== "object" || data === null) return this.badResponse("an event that is not an object");
    this.decodeEvent(stringHeader(message.headers, ":event-type"), data, events);
    return undefined;
  }

  /** What a stream that ended without metadata still owes: the finish, or an error if it never stopped. */
  finishWithoutMetadata(): StreamEvent[] {
    if (this.complete || this.failed) return [];
    if (this.stopped) return [this.finishEvent()];
    return [
      {
        type: "error",
        error: streamTruncated(this.context.provider, this.context.requestId),
      },
    ];
  }

  private decodeEvent(eventType: string | undefined, data: object, events: StreamEvent[]): void {
    switch (eventType) {
      case "messageStart":
        this.start(events);
        return;
      case "contentBlockStart": {
        const toolUse = (data as BedrockContentBlockStart).start?.toolUse;
        if (!toolUse) return;
        this.start(events);
        const toolIndex = this.toolIndexes.size;
        this.toolIndexes.set((data as BedrockContentBlockStart).contentBlockIndex ?? 0, toolIndex);
        events.push({
          type: "tool-input-start",
          choiceIndex: 0,
          toolIndex,
          id: toolUse.toolUseId ?? "",
          name: toolUse.name ?? "",
        });
        return;
      }
      case "contentBlockDelta":
        this.start(events);
        this.decodeDelta(data as BedrockContentBlockDelta, events);
        return;
      case "messageStop":
        this.start(events);
        this.stopped = true;
        this.stopReason = (data as BedrockMessageStop).stopReason;
        return;
      case "metadata": {
        this.start(events);
        this.complete = true;
        if (this.stopped) events.push(this.finishEvent());
        const usage = (data as BedrockStreamMetadata).usage;
        if (usage) events.push({ type: "usage", usage: mapBedrockUsage(usage) });
        return;
      }
      default:
        // contentBlockStop, and event kinds newer than this adapter, carry nothing to forward.
        return;
    }
  }

  private decodeDelta(data: BedrockContentBlockDelta, events: StreamEvent[]): void {
    const delta = data.delta;
    if (delta?.text) events.push({ type: "text-delta", choiceIndex: 0, text: delta.text });
    const input = delta?.toolUse?.input;
    const toolIndex = this.toolIndexes.get(data.contentBlockIndex ?? 0);
    if (input && toolIndex !== undefined) {
      events.push({ type: "tool-input-delta", choiceIndex: 0, toolIndex, argumentsDelta: input });
    }
    const reasoning = delta?.reasoningContent;
    if (reasoning?.text) events.push({ type: "reasoning-delta", choiceIndex: 0, text: reasoning.text });
    if (reasoning?.signature) {
      events.push({ type: "reasoning-delta", choiceIndex: 0, text: "", signature: reasoning.signature });
    }
  }

  private start(events: StreamEvent[]): void {
    if (this.started) return;
    this.started = true;
    const { id, model, created } = this.context.identity;
    pushStreamPreamble(events, id, model, created);
  }

  private finishEvent(): StreamEvent {
    const finishReason = withToolCallsRule(mapBedrockStopReason(this.stopReason), this.toolIndexes.size > 0);
    return { type: "finish", choiceIndex: 0, finishReason };
  }

  private badResponse(what: string): GatewayError {
    return new GatewayError("upstream_bad_response", `Provider "${this.context.provider}" sent ${what}.`, {
      upstream: { provider: this.context.provider, requestId: this.context.requestId },
    });
  }
}
