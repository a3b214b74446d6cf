import { describe, expect, it } from "vitest";
import type { ChatResponse } from "../contract/chat-response.js";
import { responseToStream } from "./response-to-stream.js";
import { StreamResponseAssembler } from "./stream-response-assembler.js";

describe("StreamResponseAssembler", () => {
  it("rebuilds the response that a replayed stream came from", () => {
    const response: ChatResponse = {
      id: "chatcmpl-1",
      model: "gpt-4o",
      created: 1700000000,
      choices: [
        {
          index: 0,
          content: [
            { type: "reasoning", text: "think", signature: "sig" },
            { type: "text", text: "Hello" },
            { type: "tool-call", id: "call_1", name: "lookup", arguments: '{"q":1}' },
          ],
          finishReason: { unified: "tool_calls", raw: "tool_calls" },
        },
      ],
      usage: { inputTokens: 3, outputTokens: 4, totalTokens: 7 },
    };
    const assembler = new StreamResponseAssembler();
    for (const chunk of responseToStream(response)) for (const event of chunk.events) assembler.add(event);
    expect(assembler.response()).toEqual(response);
  });

  it("joins text deltas and tool argument deltas", () => {
    const assembler = new StreamResponseAssembler();
    assembler.add({ type: "stream-start", id: "x", model: "m", created: 1 });
    assembler.add({ type: "text-delta", choiceIndex: 0, text: "Hel" });
    assembler.add({ type: "text-delta", choiceIndex: 0, text: "lo" });
    assembler.add({ type: "tool-input-start", choiceIndex: 0, toolIndex: 0, id: "c", name: "f" });
    assembler.add({ type: "tool-input-delta", choiceIndex: 0, toolIndex: 0, argumentsDelta: '{"a"' });
    assembler.add({ type: "tool-input-delta", choiceIndex: 0, toolIndex: 0, argumentsDelta: ":1}" });
    assembler.add({ type: "finish", choiceIndex: 0, finishReason: { unified: "stop", raw: "stop" } });
    expect(assembler.response().choices[0]?.content).toEqual([
      { type: "text", text: "Hello" },
      { type: "tool-call", id: "c", name: "f", arguments: '{"a":1}' },
    ]);
  });
});
