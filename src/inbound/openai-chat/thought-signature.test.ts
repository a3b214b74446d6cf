import { describe, expect, it } from "vitest";
import { decodeOpenAIChatRequest } from "./decode-request.js";
import { encodeOpenAIChatResponse } from "./encode-response.js";

describe("Gemini thought signatures through OpenAI clients", () => {
  it("sends a signature to the client in a response and reads it back from the next request", () => {
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
