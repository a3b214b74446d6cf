// The Messages stream (providers.md 3.3) and the write scripts of the stream scenarios:
// message_start → per block (content_block_start, deltas, content_block_stop) → message_delta → message_stop,
// with a ping after the first block starts.
import { pacedStreamSteps, type StreamStep } from "../mock-openai/http-io.js";
import { textPieces } from "../mock-openai/wire.js";
import { OVERLOADED } from "./errors.js";
import type { MessageReply, ReplyBlock } from "./message-reply.js";
import { SCENARIO } from "./scenarios.js";
import type { JsonObject } from "./wire.js";

/** The in-band error after HTTP 200: no request_id, unlike the HTTP error bodies. */
const IN_STREAM_OVERLOADED: JsonObject = {
  type: "error",
  error: { type: OVERLOADED.type, message: OVERLOADED.message },
};

/** One SSE event: the `event:` line always equals the data's `type`. */
export function encodeAnthropicEvent(data: JsonObject): string {
  return `event: ${String(data["type"])}\ndata: ${JSON.stringify(data)}\n\n`;
}

function delta(index: number, body: JsonObject): string {
  return encodeAnthropicEvent({ type: "content_block_delta", index, delta: body });
}

function blockEvents(block: ReplyBlock, index: number): string[] {
  const start = (contentBlock: JsonObject) =>
    encodeAnthropicEvent({ type: "content_block_start", index, content_block: contentBlock });
  const stop = encodeAnthropicEvent({ type: "content_block_stop", index });
  switch (block.type) {
    case "text":
      return [
        start({ type: "text", text: "" }),
        ...textPieces(block.text).map((text) => delta(index, { type: "text_delta", text })),
        stop,
      ];
    case "thinking":
      return [
        start({ type: "thinking", thinking: "", signature: "" }),
        ...textPieces(block.thinking).map((thinking) => delta(index, { type: "thinking_delta", thinking })),
        delta(index, { type: "signature_delta", signature: block.signature }),
        stop,
      ];
    case "tool_use":
      // The first input_json_delta is empty, as the API sends it.
      return [
        start({ type: "tool_use", id: block.id, name: block.name, input: {} }),
        ...["", ...textPieces(JSON.stringify(block.input))].map((partial_json) =>
          delta(index, { type: "input_json_delta", partial_json }),
        ),
        stop,
      ];
  }
}

export function messageStreamEvents(reply: MessageReply): string[] {
  const { output_tokens: _output, cache_creation: _creation, ...inputUsage } = reply.usage;
  const messageStart = encodeAnthropicEvent({
    type: "message_start",
    message: {
      id: reply.id,
      type: "message",
      role: "assistant",
      model: reply.model,
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: { ...reply.usage, output_tokens: 1, service_tier: "standard" },
    },
  });
  const blocks = reply.blocks.map(blockEvents);
  const first = blocks[0] ?? [];
  const ping = encodeAnthropicEvent({ type: "ping" });
  return [
    messageStart,
    ...first.slice(0, 1),
    ping,
    ...first.slice(1),
    ...blocks.slice(1).flat(),
    encodeAnthropicEvent({
      type: "message_delta",
      delta: { stop_reason: reply.stopReason, stop_sequence: reply.stopSequence },
      // Cumulative: newer API versions repeat the input counts next to the final output count.
      usage: { ...inputUsage, output_tokens: reply.usage.output_tokens },
    }),
    encodeAnthropicEvent({ type: "message_stop" }),
  ];
}

/** The write script for a streamed reply under the given scenario model. */
export function messageStreamSteps(reply: MessageReply, scenario: string, delayMs: number): StreamStep[] {
  const events = messageStreamEvents(reply);
  const write = (text: string): StreamStep => ({ kind: "write", bytes: Buffer.from(text, "utf8") });
  switch (scenario) {
    case SCENARIO.slowStream:
      return [
        ...events.flatMap((event): StreamStep[] => [write(event), { kind: "pause", ms: delayMs }]),
        { kind: "end" },
      ];
    case SCENARIO.truncatedStream:
      // message_start, the first block's start, the ping and two deltas; then a clean end.
      return pacedStreamSteps(events.slice(0, 5));
    case SCENARIO.streamError:
      return pacedStreamSteps([events[0] ?? "", encodeAnthropicEvent(IN_STREAM_OVERLOADED)]);
    case SCENARIO.garbage:
      return [write("event: message_start\ndata: not json {\n\n"), { kind: "end" }];
    default:
      return pacedStreamSteps(events);
  }
}
