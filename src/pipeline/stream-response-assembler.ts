import type { ReasoningPart, TextPart, ToolCallPart } from "../contract/chat-message.js";
import type { ChatChoice, ChatResponse } from "../contract/chat-response.js";
import type { StreamEvent } from "../contract/stream-event.js";

type OutputPart = TextPart | ReasoningPart | ToolCallPart;

/**
 * Builds the whole answer from a stream's events, so that onStreamEnd hooks (a cache storing
 * the answer) see `ctx.response` as if the request had not been streamed.
 */
export class StreamResponseAssembler {
  private header: Pick<ChatResponse, "id" | "model" | "created" | "providerMetadata"> = {
    id: "",
    model: "",
    created: 0,
  };
  private readonly choices = new Map<number, ChatChoice>();
  /** Tool calls by choice and tool index, to append argument deltas. */
  private readonly toolCalls = new Map<string, ToolCallPart>();
  private usage: ChatResponse["usage"];

  add(event: StreamEvent): void {
    switch (event.type) {
      case "stream-start":
        this.header = { id: event.id, model: event.model, created: event.created };
        if (event.providerMetadata) this.header.providerMetadata = event.providerMetadata;
        return;
      case "role-start":
        this.choice(event.choiceIndex);
        return;
      case "text-delta":
        this.appendText(event.choiceIndex, "text", event.text);
        return;
      case "reasoning-delta": {
        const part = this.appendText(event.choiceIndex, "reasoning", event.text) as ReasoningPart;
        if (event.signature !== undefined) part.signature = event.signature;
        return;
      }
      case "refusal-delta": {
        const choice = this.choice(event.choiceIndex);
        choice.refusal = (choice.refusal ?? "") + event.text;
        return;
      }
      case "tool-input-start": {
        const part: ToolCallPart = { type: "tool-call", id: event.id, name: event.name, arguments: "" };
        if (event.providerOptions) part.providerOptions = event.providerOptions;
        this.choice(event.choiceIndex).content.push(part);
        this.toolCalls.set(`${event.choiceIndex}:${event.toolIndex}`, part);
        return;
      }
      case "tool-input-delta": {
        const part = this.toolCalls.get(`${event.choiceIndex}:${event.toolIndex}`);
        if (part) part.arguments += event.argumentsDelta;
        return;
      }
      case "logprobs":
        this.choice(event.choiceIndex).logprobs = event.logprobs;
        return;
      case "finish":
        this.choice(event.choiceIndex).finishReason = event.finishReason;
        return;
      case "usage":
        this.usage = event.usage;
        return;
      case "error":
        return;
    }
  }

  response(): ChatResponse {
    const choices = [...this.choices.values()].sort((a, b) => a.index - b.index);
    const response: ChatResponse = Object.assign({}, this.header, { choices });
    if (this.usage) response.usage = this.usage;
    return response;
  }

  private choice(index: number): ChatChoice {
    let choice = this.choices.get(index);
    if (!choice) {
      choice = { index, content: [], finishReason: { unified: "other", raw: null } };
      this.choices.set(index, choice);
    }
    return choice;
  }

  /** Appends to the last part when it is of the same kind, else starts a new part. */
  private appendText(choiceIndex: number, type: "text" | "reasoning", text: string): OutputPart {
    const content = this.choice(choiceIndex).content;
    const last = content.at(-1);
    if (last && last.type === type) {
      last.text += text;
      return last;
    }
    const part: OutputPart = type === "text" ? { type: "text", text } : { type: "reasoning", text };
    content.push(part);
    return part;
  }
}
