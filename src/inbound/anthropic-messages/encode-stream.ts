import type { GatewayError } from "../../contract/errors.js";
import type { FinishReason } from "../../contract/finish-reason.js";
import type { StreamChunk, StreamEvent } from "../../contract/stream-event.js";
import type { Usage } from "../../contract/usage.js";
import type { StreamEncoder } from "../http/write-sse.js";
import { anthropicMessageId } from "./anthropic-message-id.js";
import { encodeAnthropicError } from "./encode-error.js";
import { encodeAnthropicUsage } from "./encode-usage.js";
import { type AnthropicStopReason, toAnthropicStopReason } from "./to-anthropic-stop-reason.js";

interface OpenBlock {
  index: number;
  kind: "text" | "thinking" | "tool";
  toolIndex?: number;
}

/**
 * Writes canonical stream chunks as Anthropic Messages SSE (providers.md 3.3): message_start,
 * one content block at a time (start, deltas, stop) with running indices, then message_delta
 * and message_stop. Only choice 0 is representable; other choices are ignored.
 *
 * The finish is held back until end(): OpenAI-like upstreams report usage in a chunk after the
 * finish, and message_delta must carry the final usage. When the upstream itself speaks this
 * format and forwarding is allowed, its events go out unchanged.
 */
export class AnthropicMessagesStreamEncoder implements StreamEncoder {
  private id: string | undefined;
  private model: string;
  /** Whether message_start was written (by this encoder). */
  private started = false;
  private streamStartSeen = false;
  /** Whether the upstream's own events are being forwarded. */
  private forwarding = false;
  private block: OpenBlock | undefined;
  private nextIndex = 0;
  private finish: FinishReason | undefined;
  private usage: Usage | undefined;
  private madeToolCalls = false;
  private refused = false;

  constructor(
    model: string,
    private readonly forwardBytes: boolean,
  ) {
    this.model = model;
  }

  encode(chunk: StreamChunk): string {
    const { passthrough } = chunk;
    if (this.forwardBytes && passthrough?.format === "anthropic-messages" && !this.started) {
      this.forwarding = true;
      return `event: ${passthrough.event ?? eventNameOf(passthrough.data)}\ndata: ${passthrough.data}\n\n`;
    }
    if (this.forwarding) {
      // The upstream's events frame this stream; only a failure of the gateway's own can be added.
      const failure = chunk.events.find((event) => event.type === "error");
      return failure?.type === "error" ? this.error(failure.error) : "";
    }
    let out = "";
    for (const event of chunk.events) out += this.encodeEvent(event);
    // message_start waits for the end of its chunk, so input usage read with it can go in.
    if (this.streamStartSeen && !this.started) out += this.messageStart();
    return out;
  }

  /** Closes the open block, then message_delta with the final stop reason and usage, then message_stop. */
  end(): string {
    if (this.forwarding) return "";
    let out = this.started ? "" : this.messageStart();
    out += this.closeBlock();
    out += frame("message_delta", {
      type: "message_delta",
      delta: { stop_reason: this.stopReason(), stop_sequence: null },
      usage: encodeAnthropicUsage(this.usage),
    });
    return out + frame("message_stop", { type: "message_stop" });
  }

  /** An in-band error ends the stream; the HTTP status can no longer change. */
  error(error: GatewayError): string {
    return frame("error", encodeAnthropicError(error));
  }

  private encodeEvent(event: StreamEvent): string {
    switch (event.type) {
      case "stream-start":
        this.id = event.id;
        this.model = event.model;
        this.streamStartSeen = true;
        return "";
      case "usage":
        this.usage = event.usage;
        return "";
      case "error":
        return this.error(event.error);
    }
    if (event.choiceIndex !== 0) return "";
    switch (event.type) {
      case "role-start":
        return this.ensureStarted();
      case "text-delta":
        return this.text(event.text);
      case "refusal-delta":
        this.refused = true;
        return this.text(event.text);
      case "reasoning-delta":
        return this.reasoning(event.text, event.signature);
      case "tool-input-start":
        this.madeToolCalls = true;
        return this.openBlock(
          { kind: "tool", toolIndex: event.toolIndex },
          { type: "tool_use", id: event.id, name: event.name, input: {} },
        );
      case "tool-input-delta":
        // Blocks cannot interleave: arguments for a call whose block is closed have nowhere to go.
        if (event.argumentsDelta === "" || this.block?.kind !== "tool" || this.block.toolIndex !== event.toolIndex) {
          return "";
        }
        return this.delta({ type: "input_json_delta", partial_json: event.argumentsDelta });
      case "finish":
        this.finish = event.finishReason;
        return this.ensureStarted() + this.closeBlock();
      case "logprobs":
        return "";
    }
  }

  private text(text: string): string {
    if (text === "") return "";
    const opened = this.block?.kind === "text" ? "" : this.openBlock({ kind: "text" }, { type: "text", text: "" });
    return opened + this.delta({ type: "text_delta", text });
  }

  private reasoning(text: string, signature: string | undefined): string {
    if (text === "" && signature === undefined) return "";
    let out =
      this.block?.kind === "thinking"
        ? ""
        : this.openBlock({ kind: "thinking" }, { type: "thinking", thinking: "", signature: "" });
    if (text !== "") out += this.delta({ type: "thinking_delta", thinking: text });
    // The signature is the last delta of a thinking block.
    if (signature !== undefined) out += this.delta({ type: "signature_delta", signature }) + this.closeBlock();
    return out;
  }

  private openBlock(block: Omit<OpenBlock, "index">, contentBlock: Record<string, unknown>): string {
    const out = this.ensureStarted() + this.closeBlock();
    const index = this.nextIndex++;
    this.block = Object.assign({}, block, { index });
    return out + frame("content_block_start", { type: "content_block_start", index, content_block: contentBlock });
  }

  private delta(delta: Record<string, unknown>): string {
    return frame("content_block_delta", { type: "content_block_delta", index: this.block?.index ?? 0, delta });
  }

  private closeBlock(): string {
    if (!this.block) return "";
    const { index } = this.block;
    this.block = undefined;
    return frame("content_block_stop", { type: "content_block_stop", index });
  }

  private ensureStarted(): string {
    return this.started ? "" : this.messageStart();
  }

  private messageStart(): string {
    this.started = true;
    const message = {
      id: anthropicMessageId(this.id),
      type: "message",
      role: "assistant",
      model: this.model,
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: encodeAnthropicUsage(this.usage),
    };
    return frame("message_start", { type: "message_start", message });
  }

  private stopReason(): AnthropicStopReason {
    if (!this.finish) return this.madeToolCalls ? "tool_use" : "end_turn";
    if (this.refused && this.finish.unified === "stop") return "refusal";
    return toAnthropicStopReason(this.finish, this.madeToolCalls);
  }
}

function frame(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** Anthropic's data always names its own event; used only if an adapter left the name out. */
function eventNameOf(data: string): string {
  try {
    const parsed: unknown = JSON.parse(data);
    if (parsed !== null && typeof parsed === "object" && "type" in parsed && typeof parsed.type === "string") {
      return parsed.type;
    }
  } catch {
    // Fall through.
  }
  return "message";
}
