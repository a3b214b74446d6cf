import { describe, expect, it } from "vitest";
import { toolCallExtrasFromWire, toolCallExtrasToWire } from "./openai-tool-call-extras.js";

describe("tool call extras (Gemini thought signatures through OpenAI clients)", () => {
  it("round-trips a signature between the canonical part and extra_content", () => {
    const wire = toolCallExtrasToWire({ gemini: { thoughtSignature: "sig-1" } });
    expect(wire).toEqual({ extra_content: { google: { thought_signature: "sig-1" } } });
    expect(toolCallExtrasFromWire(wire.extra_content)).toEqual({ gemini: { thoughtSignature: "sig-1" } });
    expect(toolCallExtrasToWire(undefined)).toEqual({});
  });
});
