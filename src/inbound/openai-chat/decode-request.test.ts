import { describe, expect, it } from "vitest";
import { oddPrototypes } from "../../../test/support/odd-prototypes.js";
import { GatewayError } from "../../contract/errors.js";
import { OPENAI_OWN_WIRE, toOpenAIChatBody } from "../../providers/openai/to-wire.js";
import { decodeOpenAIChatRequest } from "./decode-request.js";

const user = { role: "user", content: "hi" };

describe("decodeOpenAIChatRequest", () => {
  it.each([
    [
      "a plain string message",
      { model: "m", messages: [user] },
      { messages: [{ role: "user", content: [{ type: "text", text: "hi" }] }], stream: false, sampling: {} },
    ],
    [
      "sampling parameters, max_tokens as the output limit",
      { model: "m", messages: [user], temperature: 0.5, top_p: 0.9, max_tokens: 10, stop: "END", seed: 7, n: 2 },
      { sampling: { temperature: 0.5, topP: 0.9, maxOutputTokens: 10, stop: ["END"], seed: 7, n: 2 } },
    ],
    [
      "max_completion_tokens over max_tokens",
      { model: "m", messages: [user], max_tokens: 10, max_completion_tokens: 20 },
      { sampling: { maxOutputTokens: 20 } },
    ],
    [
      "stream options",
      { model: "m", messages: [user], stream: true, stream_options: { include_usage: true } },
      { stream: true, streamIncludeUsage: true },
    ],
    [
      "unknown fields ride along for OpenAI-wire upstreams",
      { model: "m", messages: [user], service_tier: "flex", prediction: { type: "content", content: "x" } },
      { providerOptions: { openai: { service_tier: "flex", prediction: { type: "content", content: "x" } } } },
    ],
    [
      "tools and a named tool choice",
      {
        model: "m",
        messages: [user],
        tools: [{ type: "function", function: { name: "f", description: "d", parameters: { type: "object" } } }],
        tool_choice: { type: "function", function: { name: "f" } },
      },
      {
        tools: [{ type: "function", name: "f", description: "d", parameters: { type: "object" } }],
        toolChoice: { type: "tool", name: "f" },
      },
    ],
    [
      "a json_schema response format",
      {
        model: "m",
        messages: [user],
        response_format: { type: "json_schema", json_schema: { name: "w", schema: { type: "object" }, strict: true } },
      },
      { responseFormat: { type: "json_schema", name: "w", schema: { type: "object" }, strict: true } },
    ],
  ])("decodes %s", (_name, body, expected) => {
    expect(decodeOpenAIChatRequest(body)).toMatchObject(expected);
  });

  it("decodes an assistant tool call, its result, images and cache hints", () => {
    const request = decodeOpenAIChatRequest({
      model: "m",
      messages: [
        {
          role: "user",
          content: [
            { type: "text", text: "look", cache_control: { type: "ephemeral" } },
            { type: "image_url", image_url: { url: "https://x/a.png", detail: "high" } },
          ],
        },
        {
          role: "assistant",
          content: null,
          tool_calls: [{ id: "c1", type: "function", function: { name: "f", arguments: "{}" } }],
        },
        { role: "tool", tool_call_id: "c1", content: "42" },
      ],
    });
    expect(request.messages).toEqual([
      {
        role: "user",
        content: [
          { type: "text", text: "look", providerOptions: { openai: { cache_control: { type: "ephemeral" } } } },
          { type: "image", url: "https://x/a.png", detail: "high" },
        ],
      },
      { role: "assistant", content: [{ type: "tool-call", id: "c1", name: "f", arguments: "{}" }] },
      { role: "tool", content: [{ type: "tool-result", toolCallId: "c1", content: "42" }] },
    ]);
  });

  it.each([
    ["a body that is an array", [], "invalid_request", null],
    ["a missing model", { messages: [user] }, "model_required", "model"],
    ["an empty message list", { model: "m", messages: [] }, "invalid_request", "messages"],
    [
      "a tool message without its call id",
      { model: "m", messages: [{ role: "tool", content: "x" }] },
      "invalid_request",
      "messages[0].tool_call_id",
    ],
    [
      "an unknown content part",
      { model: "m", messages: [{ role: "user", content: [{ type: "video" }] }] },
      "unsupported_feature",
      "messages[0].content[0].type",
    ],
    [
      "a non-function tool",
      { model: "m", messages: [user], tools: [{ type: "custom" }] },
      "unsupported_feature",
      "tools[0].type",
    ],
  ])("refuses %s", (_name, body, code, param) => {
    try {
      decodeOpenAIChatRequest(body);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(GatewayError);
      expect(error).toMatchObject({ code, status: 400, param });
    }
  });
});

describe("decodeOpenAIChatRequest and a body with __proto__ keys", () => {
  // JSON.parse makes "__proto__" an own key; copied with a plain assignment or Object.assign it
  // would become the prototype of the copy, and its fields would be read as if the client set them.
  const body = JSON.parse(
    `{"model":"m","seed":1,"__proto__":{"stream":true,"temperature":9},
      "messages":[{"role":"user","name":"u","__proto__":{"role":"system"},
        "content":[{"type":"text","text":"hi","__proto__":{"type":"image_url"}}]}]}`,
  );

  it("takes no field from them, at any level", () => {
    const request = decodeOpenAIChatRequest(body);
    expect(request.stream).toBe(false);
    expect(request.sampling).toEqual({ seed: 1 });
    expect(request.providerOptions).toEqual({});
    expect(request.messages).toEqual([{ role: "user", name: "u", content: [{ type: "text", text: "hi" }] }]);
    expect(oddPrototypes(request)).toEqual([]);
  });

  it("and the OpenAI wire body made from the request carries none of them", () => {
    const wire = toOpenAIChatBody(decodeOpenAIChatRequest(body), "upstream-model", OPENAI_OWN_WIRE);
    expect(wire).toEqual({ model: "upstream-model", seed: 1, messages: [{ role: "user", name: "u", content: "hi" }] });
    expect(oddPrototypes(wire)).toEqual([]);
  });
});
