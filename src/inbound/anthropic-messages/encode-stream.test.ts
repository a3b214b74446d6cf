import { describe, expect, it } from "vitest";
import { GatewayError } from "../../contract/errors.js";
import type { StreamChunk, StreamEvent } from "../../contract/stream-event.js";
import { AnthropicMessagesStreamEncoder } from "./encode-stream.js";

const start: StreamEvent = { type: "stream-start", id: "chatcmpl-1", model: "gpt-4o-mini", created: 1 };
const usage: StreamEvent = {
  type: "usage",
  usage: { inputTokens: 12, outputTokens: 5, totalTokens: 17, cachedInputTokens: 2 },
};
const finalUsage = { input_tokens: 10, output_tokens: 5, cache_creation_input_tokens: 0, cache_read_input_tokens: 2 };
const zeroUsage = { input_tokens: 0, output_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 };

function run(chunks: StreamEvent[][], forwardBytes = false): string {
  const encoder = new AnthropicMessagesStreamEncoder("smart", forwardBytes);
  return chunks.map((events) => encoder.encode({ events })).join("") + encoder.end();
}

/** The SSE text as [event name, parsed data] pairs, checking the framing on the way. */
function events(text: string): Array<[string, unknown]> {
  expect(text.endsWith("\n\n")).toBe(true);
  return text
    .slice(0, -2)
    .split("\n\n")
    .map((frame) => {
      const match = /^event: (\S+)\ndata: (.+)$/.exec(frame);
      if (!match) throw new Error(`bad frame: ${frame}`);
      const data = JSON.parse(match[2]!) as { type: string };
      expect(data.type).toBe(match[1]);
      return [match[1]!, data];
    });
}

function messageStart(usageWire: unknown, id = "msg_chatcmpl-1", model = "gpt-4o-mini"): [string, unknown] {
  return [
    "message_start",
    {
      type: "message_start",
      message: {
        id,
        type: "message",
        role: "assistant",
        model,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: usageWire,
      },
    },
  ];
}

const blockStart = (index: number, block: unknown): [string, unknown] => [
  "content_block_start",
  { type: "content_block_start", index, content_block: block },
];
const delta = (index: number, value: unknown): [string, unknown] => [
  "content_block_delta",
  { type: "content_block_delta", index, delta: value },
];
const blockStop = (index: number): [string, unknown] => ["content_block_stop", { type: "content_block_stop", index }];
const messageEnd = (stopReason: string, usageWire: unknown): Array<[string, unknown]> => [
  [
    "message_delta",
    { type: "message_delta", delta: { stop_reason: stopReason, stop_sequence: null }, usage: usageWire },
  ],
  ["message_stop", { type: "message_stop" }],
];

describe("AnthropicMessagesStreamEncoder", () => {
  it("writes the exact SSE text of a text stream whose usage follows the finish", () => {
    const text = run([
      [start, { type: "role-start", choiceIndex: 0 }],
      [{ type: "text-delta", choiceIndex: 0, text: "Hi ✓" }],
      [{ type: "finish", choiceIndex: 0, finishReason: { unified: "stop", raw: "stop" } }],
      [usage],
    ]);
    expect(text).toBe(
      [
        'event: message_start\ndata: {"type":"message_start","message":{"id":"msg_chatcmpl-1","type":"message","role":"assistant","model":"gpt-4o-mini","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":0,"output_tokens":0,"cache_creation_input_tokens":0,"cache_read_input_tokens":0}}}\n\n',
        'event: content_block_start\ndata: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}\n\n',
        'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hi ✓"}}\n\n',
        'event: content_block_stop\ndata: {"type":"content_block_stop","index":0}\n\n',
        'event: message_delta\ndata: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"input_tokens":10,"output_tokens":5,"cache_creation_input_tokens":0,"cache_read_input_tokens":2}}\n\n',
        'event: message_stop\ndata: {"type":"message_stop"}\n\n',
      ].join(""),
    );
  });

  const cases: Array<{ name: string; chunks: StreamEvent[][]; expected: Array<[string, unknown]> }> = [
    {
      name: "text then two tool calls with argument fragments",
      chunks: [
        [start, { type: "role-start", choiceIndex: 0 }, { type: "text-delta", choiceIndex: 0, text: "Checking." }],
        [{ type: "tool-input-start", choiceIndex: 0, toolIndex: 0, id: "call_1", name: "get_weather" }],
        [
          { type: "tool-input-delta", choiceIndex: 0, toolIndex: 0, argumentsDelta: '{"city":' },
          { type: "tool-input-delta", choiceIndex: 0, toolIndex: 0, argumentsDelta: '"Paris"}' },
        ],
        [
          { type: "tool-input-start", choiceIndex: 0, toolIndex: 1, id: "call_2", name: "get_time" },
          { type: "tool-input-delta", choiceIndex: 0, toolIndex: 1, argumentsDelta: "" },
          { type: "tool-input-delta", choiceIndex: 0, toolIndex: 1, argumentsDelta: "{}" },
          // Blocks cannot interleave: a late fragment for a closed block is dropped.
          { type: "tool-input-delta", choiceIndex: 0, toolIndex: 0, argumentsDelta: "late" },
        ],
        [{ type: "finish", choiceIndex: 0, finishReason: { unified: "tool_calls", raw: "tool_calls" } }, usage],
      ],
      expected: [
        messageStart(zeroUsage),
        blockStart(0, { type: "text", text: "" }),
        delta(0, { type: "text_delta", text: "Checking." }),
        blockStop(0),
        blockStart(1, { type: "tool_use", id: "call_1", name: "get_weather", input: {} }),
        delta(1, { type: "input_json_delta", partial_json: '{"city":' }),
        delta(1, { type: "input_json_delta", partial_json: '"Paris"}' }),
        blockStop(1),
        blockStart(2, { type: "tool_use", id: "call_2", name: "get_time", input: {} }),
        delta(2, { type: "input_json_delta", partial_json: "{}" }),
        blockStop(2),
        ...messageEnd("tool_use", finalUsage),
      ],
    },
    {
      name: "thinking with a signature, then text; usage known at the start goes into message_start",
      chunks: [
        [{ ...start, id: "msg_01" }, usage],
        [{ type: "reasoning-delta", choiceIndex: 0, text: "Hmm" }],
        [{ type: "reasoning-delta", choiceIndex: 0, text: ", yes." }],
        [{ type: "reasoning-delta", choiceIndex: 0, text: "", signature: "EqQB" }],
        [{ type: "text-delta", choiceIndex: 0, text: "" }],
        [{ type: "text-delta", choiceIndex: 0, text: "Yes." }],
        [{ type: "finish", choiceIndex: 0, finishReason: { unified: "stop", raw: "end_turn" } }],
      ],
      expected: [
        messageStart(finalUsage, "msg_01"),
        blockStart(0, { type: "thinking", thinking: "", signature: "" }),
        delta(0, { type: "thinking_delta", thinking: "Hmm" }),
        delta(0, { type: "thinking_delta", thinking: ", yes." }),
        delta(0, { type: "signature_delta", signature: "EqQB" }),
        blockStop(0),
        blockStart(1, { type: "text", text: "" }),
        delta(1, { type: "text_delta", text: "Yes." }),
        blockStop(1),
        ...messageEnd("end_turn", finalUsage),
      ],
    },
    {
      name: "only choice 0 of several",
      chunks: [
        [start, { type: "role-start", choiceIndex: 0 }, { type: "role-start", choiceIndex: 1 }],
        [{ type: "text-delta", choiceIndex: 1, text: "other" }],
        [{ type: "text-delta", choiceIndex: 0, text: "mine" }],
        [{ type: "finish", choiceIndex: 1, finishReason: { unified: "length", raw: "length" } }],
        [{ type: "finish", choiceIndex: 0, finishReason: { unified: "stop", raw: "stop" } }],
      ],
      expected: [
        messageStart(zeroUsage),
        blockStart(0, { type: "text", text: "" }),
        delta(0, { type: "text_delta", text: "mine" }),
        blockStop(0),
        ...messageEnd("end_turn", zeroUsage),
      ],
    },
    {
      name: "a refusal as text with stop_reason refusal",
      chunks: [
        [start],
        [{ type: "refusal-delta", choiceIndex: 0, text: "No." }],
        [{ type: "finish", choiceIndex: 0, finishReason: { unified: "stop", raw: "stop" } }],
      ],
      expected: [
        messageStart(zeroUsage),
        blockStart(0, { type: "text", text: "" }),
        delta(0, { type: "text_delta", text: "No." }),
        blockStop(0),
        ...messageEnd("refusal", zeroUsage),
      ],
    },
    {
      name: "a stream that ends without a finish still ends well-formed",
      chunks: [[start]],
      expected: [messageStart(zeroUsage), ...messageEnd("end_turn", zeroUsage)],
    },
    {
      name: "length maps to max_tokens",
      chunks: [
        [start, { type: "text-delta", choiceIndex: 0, text: "a" }],
        [{ type: "finish", choiceIndex: 0, finishReason: { unified: "length", raw: "length" } }],
      ],
      expected: [
        messageStart(zeroUsage),
        blockStart(0, { type: "text", text: "" }),
        delta(0, { type: "text_delta", text: "a" }),
        blockStop(0),
        ...messageEnd("max_tokens", zeroUsage),
      ],
    },
  ];

  it.each(cases)("$name", ({ chunks, expected }) => {
    expect(events(run(chunks))).toEqual(expected);
  });

  it("makes up a msg_ id and uses the requested model without a stream-start", () => {
    const [first] = events(run([[{ type: "text-delta", choiceIndex: 0, text: "x" }]]));
    const message = (first![1] as { message: { id: string; model: string } }).message;
    expect(message.id).toMatch(/^msg_[0-9a-f]{32}$/);
    expect(message.model).toBe("smart");
  });

  it("writes an error event for an error in the stream", () => {
    const encoder = new AnthropicMessagesStreamEncoder("smart", false);
    const text =
      encoder.encode({ events: [start, { type: "text-delta", choiceIndex: 0, text: "a" }] }) +
      encoder.encode({
        events: [
          {
            type: "error",
            error: new GatewayError("upstream_error", "Overloaded", { status: 529, upstream: { provider: "a" } }),
          },
        ],
      });
    expect(events(text).at(-1)).toEqual([
      "error",
      { type: "error", error: { type: "overloaded_error", message: "Overloaded" } },
    ]);
    expect(encoder.error(new GatewayError("upstream_stream_error", "cut"))).toBe(
      'event: error\ndata: {"type":"error","error":{"type":"api_error","message":"cut"}}\n\n',
    );
  });

  describe("forwarding an Anthropic upstream's bytes", () => {
    const passthrough = (event: string, data: string): StreamChunk["passthrough"] => ({
      format: "anthropic-messages",
      event,
      data,
    });
    const upstream: StreamChunk[] = [
      {
        events: [{ ...start, id: "msg_01" }],
        passthrough: passthrough("message_start", '{"type":"message_start","message":{"id":"msg_01"}}     '),
      },
      { events: [], passthrough: passthrough("ping", '{"type": "ping"}') },
      {
        events: [{ type: "text-delta", choiceIndex: 0, text: "Hi" }],
        passthrough: { format: "anthropic-messages", data: '{"type":"content_block_delta","index":0}' },
      },
      { events: [], passthrough: passthrough("message_stop", '{"type":"message_stop"}') },
    ];

    it("writes each upstream event unchanged and adds no ending of its own", () => {
      const encoder = new AnthropicMessagesStreamEncoder("smart", true);
      const text = upstream.map((chunk) => encoder.encode(chunk)).join("") + encoder.end();
      expect(text).toBe(
        'event: message_start\ndata: {"type":"message_start","message":{"id":"msg_01"}}     \n\n' +
          'event: ping\ndata: {"type": "ping"}\n\n' +
          'event: content_block_delta\ndata: {"type":"content_block_delta","index":0}\n\n' +
          'event: message_stop\ndata: {"type":"message_stop"}\n\n',
      );
    });

    it("still reports a failure the gateway found itself", () => {
      const encoder = new AnthropicMessagesStreamEncoder("smart", true);
      encoder.encode(upstream[0]!);
      const failure = new GatewayError("upstream_stream_error", "The stream ended early.");
      expect(encoder.encode({ events: [{ type: "text-delta", choiceIndex: 0, text: "x" }] })).toBe("");
      expect(encoder.encode({ events: [{ type: "error", error: failure }] })).toBe(
        'event: error\ndata: {"type":"error","error":{"type":"api_error","message":"The stream ended early."}}\n\n',
      );
    });

    it("re-encodes when forwarding is off (a plugin rewrites events)", () => {
      const encoder = new AnthropicMessagesStreamEncoder("smart", false);
      const text = upstream.map((chunk) => encoder.encode(chunk)).join("") + encoder.end();
      expect(events(text).map(([name]) => name)).toEqual([
        "message_start",
        "content_block_start",
        "content_block_delta",
        "content_block_stop",
        "message_delta",
        "message_stop",
      ]);
    });
  });
});
