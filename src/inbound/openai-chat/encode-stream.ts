import type { GatewayError } from "../../contract/errors.js";
import type { StreamChunk, StreamEvent } from "../../contract/stream-event.js";
import { toolCallExtrasToWire } from "../../wire/openai-tool-call-extras.js";
import { openAIErrorObject } from "./encode-error.js";
import { encodeOpenAIUsage } from "./encode-response.js";

const DONE = "data: [DONE]\n\n";

/**
 * Writes canonical stream chunks as OpenAI chat.completion.chunk SSE. When a chunk carries the
 * upstream's own OpenAI text and forwarding is allowed, that text goes out unchanged.
 */
export class OpenAIChatStreamEncoder {
  private id = "chatcmpl-switchyard";
  private model: string;
  private created = Math.floor(Date.now() / 1000);

  constructor(
    model: string,
    private readonly includeUsage: boolean,
    private readonly forwardBytes: boolean,
  ) {
    this.model = model;
  }

  encode(chunk: StreamChunk): string {
    if (this.forwardBytes && chunk.passthrough?.format === "openai-chat") {
      // The usage-only chunk exists because the gateway asked for it; a client that did not gets none.
      if (!this.includeUsage && chunk.events.length === 1 && chunk.events[0]?.type === "usage") return "";
      return `data: ${chunk.passthrough.data}\n\n`;
    }
    let out = "";
    for (const event of chunk.events) out += this.encodeEvent(event);
    return out;
  }

  /** The terminator, exactly once, after the final finish and usage chunks. */
  end(): string {
    return DONE;
  }

  /** An in-band error ends the stream; the HTTP status can no longer change. */
  error(error: GatewayError): string {
    return `data: ${JSON.stringify({ error: openAIErrorObject(error) })}\n\n`;
  }

  private encodeEvent(event: StreamEvent): string {
    switch (event.type) {
      case "stream-start":
        this.id = event.id;
        this.model = event.model;
        this.created = event.created;
        return "";
      case "role-start":
        return this.chunk(event.choiceIndex, { role: "assistant", content: "" });
      case "text-delta":
        return this.chunk(event.choiceIndex, { content: event.text });
      case "reasoning-delta":
        return this.chunk(event.choiceIndex, { reasoning_content: event.text });
      case "refusal-delta":
        return this.chunk(event.choiceIndex, { refusal: event.text });
      case "tool-input-start":
        return this.chunk(event.choiceIndex, {
          tool_calls: [
            {
              index: event.toolIndex,
              id: event.id,
              type: "function",
              function: { name: event.name, arguments: "" },
              ...toolCallExtrasToWire(event.providerOptions),
            },
          ],
        });
      case "tool-input-delta":
        return this.chunk(event.choiceIndex, {
          tool_calls: [{ index: event.toolIndex, function: { arguments: event.argumentsDelta } }],
        });
      case "logprobs":
        return this.data({
          choices: [{ index: event.choiceIndex, delta: {}, logprobs: event.logprobs, finish_reason: null }],
        });
      case "finish": {
        const reason = event.finishReason.unified === "other" ? "stop" : event.finishReason.unified;
        return this.data({ choices: [{ index: event.choiceIndex, delta: {}, logprobs: null, finish_reason: reason }] });
      }
      case "usage":
        return this.includeUsage ? this.data({ choices: [], usage: encodeOpenAIUsage(event.usage) }) : "";
      case "error":
        return this.error(event.error);
    }
  }

  private chunk(choiceIndex: number, delta: Record<string, unknown>): string {
    return this.data({ choices: [{ index: choiceIndex, delta, logprobs: null, finish_reason: null }] });
  }

  private data(fields: Record<string, unknown>): string {
    const chunk = { id: this.id, object: "chat.completion.chunk", created: this.created, model: this.model, ...fields };
    return `data: ${JSON.stringify(chunk)}\n\n`;
  }
}
