import { describe, expect, it } from "vitest";
import { oddPrototypes } from "../../../test/support/odd-prototypes.js";
import { fromOpenAIChatCompletion } from "./from-wire.js";

describe("fromOpenAIChatCompletion", () => {
  it("keeps unknown response fields as provider metadata, but never an upstream's __proto__ key", () => {
    const completion = JSON.parse(`{"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"gpt",
      "system_fingerprint":"fp_1","__proto__":{"service_tier":"priority"},
      "choices":[{"index":0,"message":{"role":"assistant","content":"Hi"},"finish_reason":"stop"}]}`);
    const response = fromOpenAIChatCompletion(completion);
    expect(response.providerMetadata).toEqual({ system_fingerprint: "fp_1" });
    expect(response.choices[0]?.content).toEqual([{ type: "text", text: "Hi" }]);
    expect(oddPrototypes(response)).toEqual([]);
  });
});
