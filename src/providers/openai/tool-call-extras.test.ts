import { describe, expect, it } from "vitest";
import { decodeOpenAIChatRequest } from "../../inbound/openai-chat/decode-request.js";
import { encodeOpenAIChatResponse } from "../../inbound/openai-chat/encode-response.js";
import { toolCallExtrasFromWire, toolCallExtrasToWire } from "./tool-call-extras.js";

describe("tool call extras (Gemini thought signatures through OpenAI clients)", () => {
  it("round-trips a signature between the canonical part and extra_content", () => {
    const wire = toolCallExtrasToWire({ gemini: { thoughtSignature: "sig-1" } });
    expect(wire).toEqual({ extra_content: { google: { thought_signature: "sig-1" } } });
    expect(toolCallExtrasFromWire(wire.extra_content)).toEqual({ gemini: { thoughtSignature: "sig-1" } });
    expect(toolCallExtrasToWire(undefined)).toEqual({});
  });

  it("sends it to the client in a response and reads it back from the next request", () => {
    const response = encodeOpenAIChatResponse({
      id: "r",
      model: "gemini-3-pro",
      created: 1,
      choices: [
        {
          index: 0,
          content: [
            {
              type: "tool-call",
              id: "c1",
              name: "f",
              arguments: "{}",
              providerOptions: { gemini: { thoughtSignature: "sig-2" } },
            },
          ],
          finishReason: { unified: "tool_calls", raw: "STOP" },
        },
      ],
    });
    const message = (response.choices as Array<{ message: { tool_calls: unknown[] } }>)[0]?.message;
    const request = decodeOpenAIChatRequest({
      model: "m",
      messages: [
        { role: "user", content: "x" },
        { role: "assistant", content: null, tool_calls: message?.tool_calls },
      ],
    });
    expect(request.messages[1]?.content[0]).toEqual({
      type: "tool-call",
      id: "c1",
      name: "f",
      arguments: "{}",
      providerOptions: { gemini: { thoughtSignature: "sig-2" } },
    });
  });
});
