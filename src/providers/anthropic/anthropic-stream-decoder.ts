import type { EventSourceMessage } from "eventsource-parser";
import type { StreamChunk, StreamEvent } from "../../contract/stream-event.js";
import { ChunkDecoderBase } from "../chunk-decoder-base.js";
import { fromAnthropicErrorObject } from "./errors.js";
import { nowInSeconds } from "./from-wire.js";
import { mapAnthropicStopReason } from "./map-anthropic-stop-reason.js";
import { mapAnthropicUsage, mergeAnthropicUsage } from "./map-anthropic-usage.js";
import type {
  AnthropicResponseBlock,
  AnthropicStreamDelta,
  AnthropicStreamEvent,
  AnthropicUsage,
} from "./wire-types.js";

const CHOICE = 0;

/**
 * Turns Anthropic stream events, one at a time, into canonical events. Content blocks are
 * numbered across text, thinking and tool_use; canonical toolIndex counts tool_use blocks only.
 * The stream is complete at message_stop.
 */
export class AnthropicStreamDecoder extends ChunkDecoderBase<EventSourceMessage> {
  /** message_delta with the stop reason arrived; EOF after it is not a truncation. */
  finished = false;
  private toolCount = 0;
  private readonly toolIndexByBlock = new Map<number, number>();
  private startUsage: AnthropicUsage | undefined;

  /** EOF after message_delta is not a truncation, even without message_stop. */
  protected override endedWhole(): boolean {
    return this.finished;
  }

  decode(message: EventSourceMessage): StreamChunk {
    let event: AnthropicStreamEvent;
    try {
      event = JSON.parse(message.data) as AnthropicStreamEvent;
    } catch {
      return this.failedChunk(this.badItem("a stream event that is not JSON"));
    }
    if (typeof event !== "object" || event === null || typeof event.type !== "string") {
      return this.failedChunk(this.badItem("a stream event without a type"));
    }
    const passthrough = {
      format: "anthropic-messages" as const,
      data: message.data,
      event: message.event ?? event.type,
    };
    return { events: this.eventsOf(event), passthrough };
  }

  private eventsOf(event: AnthropicStreamEvent): StreamEvent[] {
    switch (event.type) {
      case "message_start":
        this.startUsage = event.message?.usage;
        return [
          {
            type: "stream-start",
            id: event.message?.id ?? "",
            model: event.message?.model ?? "",
            created: nowInSeconds(),
          },
          { type: "role-start", choiceIndex: CHOICE },
        ];
      case "content_block_start":
        return this.blockStart(event.index, event.content_block ?? { type: "unknown" });
      case "content_block_delta":
        return this.blockDelta(event.index, event.delta);
      case "message_delta": {
        this.finished = true;
        const usage = mergeAnthropicUsage(this.startUsage, event.usage);
        return [
          {
            type: "finish",
            choiceIndex: CHOICE,
            finishReason: mapAnthropicStopReason(event.delta?.stop_reason, this.toolCount > 0),
          },
          { type: "usage", usage: mapAnthropicUsage(usage) },
        ];
      }
      case "message_stop":
        this.complete = true;
        return [];
      case "error": {
        const headers = this.requestId === undefined ? {} : { "request-id": this.requestId };
        const events: StreamEvent[] = [];
        this.failInto(
          events,
          fromAnthropicErrorObject(event.error ?? {}, undefined, this.provider, headers, event.request_id),
        );
        return events;
      }
      default:
        // content_block_stop, ping, and event types newer than this adapter.
        return [];
    }
  }

  private blockStart(index: number, block: AnthropicResponseBlock): StreamEvent[] {
    switch (block.type) {
      case "text":
        return block.text ? [{ type: "text-delta", choiceIndex: CHOICE, text: block.text }] : [];
      case "thinking":
        return block.thinking ? [{ type: "reasoning-delta", choiceIndex: CHOICE, text: block.thinking }] : [];
      case "tool_use": {
        const toolIndex = this.toolCount++;
        this.toolIndexByBlock.set(index, toolIndex);
        const events: StreamEvent[] = [
          { type: "tool-input-start", choiceIndex: CHOICE, toolIndex, id: block.id ?? "", name: block.name ?? "" },
        ];
        // The input normally streams as input_json_delta after an empty {} here.
        const input = block.input;
        if (typeof input === "object" && input !== null && Object.keys(input).length > 0) {
          events.push({
            type: "tool-input-delta",
            choiceIndex: CHOICE,
            toolIndex,
            argumentsDelta: JSON.stringify(input),
          });
        }
        return events;
      }
      default:
        // redacted_thinking and server tool blocks have no canonical stream event.
        return [];
    }
  }

  private blockDelta(index: number, delta: AnthropicStreamDelta | undefined): StreamEvent[] {
    switch (delta?.type) {
      case "text_delta":
        return delta.text ? [{ type: "text-delta", choiceIndex: CHOICE, text: delta.text }] : [];
      case "thinking_delta":
        return delta.thinking ? [{ type: "reasoning-delta", choiceIndex: CHOICE, text: delta.thinking }] : [];
      case "signature_delta":
        return [{ type: "reasoning-delta", choiceIndex: CHOICE, text: "", signature: delta.signature }];
      case "input_json_delta": {
        // The first fragment is often empty; server tool inputs have no canonical tool call.
        const toolIndex = this.toolIndexByBlock.get(index);
        if (toolIndex === undefined || !delta.partial_json) return [];
        return [{ type: "tool-input-delta", choiceIndex: CHOICE, toolIndex, argumentsDelta: delta.partial_json }];
      }
      default:
        return [];
    }
  }
}
