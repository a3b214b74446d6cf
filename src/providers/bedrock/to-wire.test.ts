import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { ChatMessage } from "../../contract/chat-message.js";
import type { ChatRequest } from "../../contract/chat-request.js";
import { JSON_OBJECT_INSTRUCTION, toBedrockConverseBody } from "./to-wire.js";

const user = (text: string): ChatMessage => ({ role: "user", content: [{ type: "text", text }] });
const assistant = (text: string): ChatMessage => ({ role: "assistant", content: [{ type: "text", text }] });
const call = (id: string, args = '{"city":"Paris"}'): ChatMessage => ({
  role: "assistant",
  content: [{ type: "tool-call", id, name: "get_weather", arguments: args }],
});
const result = (toolCallId: string, content: string, isError?: boolean): ChatMessage => ({
  role: "tool",
  content: [{ type: "tool-result", toolCallId, content, ...(isError ? { isError } : {}) }],
});
const tool = { type: "function" as const, name: "get_weather", parameters: { type: "object" } };
const openSchema = { json: { type: "object", properties: {} } };
const FITTED_ID = `fc_1_a_b_${createHash("sha256").update("fc:1/a.b").digest("hex").slice(0, 8)}`;

function request(fields: Partial<ChatRequest>): ChatRequest {
  return { model: "m", messages: [user("Hi")], sampling: {}, stream: false, providerOptions: {}, ...fields };
}

describe("toBedrockConverseBody", () => {
  it.each<{ name: string; request: Partial<ChatRequest>; body: Record<string, unknown> }>([
    { name: "a plain user turn", request: {}, body: { messages: [{ role: "user", content: [{ text: "Hi" }] }] } },
    {
      name: "system and developer messages go top-level, blank ones are dropped",
      request: {
        messages: [
          { role: "system", content: [{ type: "text", text: "Be terse." }] },
          {
            role: "developer",
            content: [
              { type: "text", text: "  " },
              { type: "text", text: "Use metric." },
            ],
          },
          user("Hi"),
        ],
      },
      body: {
        messages: [{ role: "user", content: [{ text: "Hi" }] }],
        system: [{ text: "Be terse." }, { text: "Use metric." }],
      },
    },
    {
      name: "consecutive turns of one role merge, blank text goes",
      request: { messages: [user("a"), user(""), user("b"), assistant(" "), assistant("c")] },
      body: {
        messages: [
          { role: "user", content: [{ text: "a" }, { text: "b" }] },
          { role: "assistant", content: [{ text: "c" }] },
        ],
      },
    },
    {
      name: "tool results become one user turn with the text after them; toolConfig comes from history",
      request: {
        messages: [
          user("Weather?"),
          { role: "assistant", content: [...call("call_1").content, ...call("call_2", "not json").content] },
          result("call_1", "21°C"),
          result("call_2", "", true),
          user("Thanks"),
        ],
      },
      body: {
        messages: [
          { role: "user", content: [{ text: "Weather?" }] },
          {
            role: "assistant",
            content: [
              { toolUse: { toolUseId: "call_1", name: "get_weather", input: { city: "Paris" } } },
              { toolUse: { toolUseId: "call_2", name: "get_weather", input: {} } },
            ],
          },
          {
            role: "user",
            content: [
              { toolResult: { toolUseId: "call_1", content: [{ text: "21°C" }] } },
              { toolResult: { toolUseId: "call_2", content: [{ text: "(empty)" }], status: "error" } },
              { text: "Thanks" },
            ],
          },
        ],
        toolConfig: { tools: [{ toolSpec: { name: "get_weather", inputSchema: openSchema } }] },
      },
    },
    {
      name: "tool ids from other providers are made to fit Bedrock's pattern on both sides",
      request: { messages: [user("q"), call("fc:1/a.b"), result("fc:1/a.b", "ok")], tools: [tool] },
      body: {
        messages: [
          { role: "user", content: [{ text: "q" }] },
          {
            role: "assistant",
            content: [{ toolUse: { toolUseId: FITTED_ID, name: "get_weather", input: { city: "Paris" } } }],
          },
          { role: "user", content: [{ toolResult: { toolUseId: FITTED_ID, content: [{ text: "ok" }] } }] },
        ],
        toolConfig: { tools: [{ toolSpec: { name: "get_weather", inputSchema: { json: { type: "object" } } } }] },
      },
    },
    {
      name: "tool_choice none without tool history sends no tools",
      request: { tools: [tool], toolChoice: { type: "none" } },
      body: { messages: [{ role: "user", content: [{ text: "Hi" }] }] },
    },
    {
      name: "tool_choice none with tool history keeps the tools but no choice",
      request: { messages: [user("q"), call("c1"), result("c1", "ok")], tools: [tool], toolChoice: { type: "none" } },
      body: expect.objectContaining({
        toolConfig: { tools: [{ toolSpec: { name: "get_weather", inputSchema: { json: { type: "object" } } } }] },
      }),
    },
    {
      name: "a named tool choice",
      request: { tools: [{ ...tool, description: "d" }], toolChoice: { type: "tool", name: "get_weather" } },
      body: expect.objectContaining({
        toolConfig: {
          tools: [{ toolSpec: { name: "get_weather", description: "d", inputSchema: { json: { type: "object" } } } }],
          toolChoice: { tool: { name: "get_weather" } },
        },
      }),
    },
    {
      name: "tool_choice auto and a tool without parameters",
      request: { tools: [{ type: "function", name: "now" }], toolChoice: { type: "auto" } },
      body: expect.objectContaining({
        toolConfig: { tools: [{ toolSpec: { name: "now", inputSchema: openSchema } }], toolChoice: { auto: {} } },
      }),
    },
    {
      name: "json_object asks for JSON in one more system block",
      request: { responseFormat: { type: "json_object" } },
      body: { messages: [{ role: "user", content: [{ text: "Hi" }] }], system: [{ text: JSON_OBJECT_INSTRUCTION }] },
    },
    {
      name: "json_schema uses outputConfig with the schema as a string",
      request: {
        responseFormat: { type: "json_schema", name: "w", description: "d", schema: { type: "object" }, strict: true },
      },
      body: expect.objectContaining({
        outputConfig: {
          textFormat: {
            type: "json_schema",
            structure: { jsonSchema: { schema: '{"type":"object"}', name: "w", description: "d" } },
          },
        },
      }),
    },
    {
      name: "sampling goes to inferenceConfig; seed, penalties and an empty stop list do not",
      request: { sampling: { maxOutputTokens: 10, temperature: 0, topP: 1, stop: [], seed: 7, presencePenalty: 1 } },
      body: expect.objectContaining({ inferenceConfig: { maxTokens: 10, temperature: 0, topP: 1 } }),
    },
    {
      name: "a temperature above 1 is clamped to Converse's range",
      request: { sampling: { temperature: 1.7 } },
      body: expect.objectContaining({ inferenceConfig: { temperature: 1 } }),
    },
    {
      name: "a conversation that starts with the assistant gets a user turn first",
      request: { messages: [assistant("Hello!"), user("Hi")] },
      body: {
        messages: [
          { role: "user", content: [{ text: "." }] },
          { role: "assistant", content: [{ text: "Hello!" }] },
          { role: "user", content: [{ text: "Hi" }] },
        ],
      },
    },
    {
      name: "a valid tool id is kept as it is, even a long one",
      request: { messages: [user("q"), call("a".repeat(64)), result("a".repeat(64), "ok")] },
      body: expect.objectContaining({
        messages: expect.arrayContaining([
          { role: "user", content: [{ toolResult: { toolUseId: "a".repeat(64), content: [{ text: "ok" }] } }] },
        ]),
      }),
    },
    {
      name: "providerOptions.bedrock: Converse fields top-level, the rest model fields",
      request: {
        metadata: { team: "search" },
        providerOptions: {
          bedrock: {
            top_k: 40,
            guardrailConfig: { guardrailIdentifier: "g", guardrailVersion: "1" },
            additionalModelRequestFields: { anthropic_beta: ["x"] },
          },
          openai: { service_tier: "flex" },
        },
      },
      body: {
        messages: [{ role: "user", content: [{ text: "Hi" }] }],
        requestMetadata: { team: "search" },
        guardrailConfig: { guardrailIdentifier: "g", guardrailVersion: "1" },
        additionalModelRequestFields: { top_k: 40, anthropic_beta: ["x"] },
      },
    },
    {
      name: "signed reasoning goes back, unsigned reasoning does not",
      request: {
        messages: [
          user("q"),
          {
            role: "assistant",
            content: [
              { type: "reasoning", text: "hmm", signature: "sig" },
              { type: "reasoning", text: "", signature: "b64==", redacted: true },
              { type: "reasoning", text: "from another provider" },
              { type: "text", text: "a" },
            ],
          },
          user("more"),
        ],
      },
      body: {
        messages: [
          { role: "user", content: [{ text: "q" }] },
          {
            role: "assistant",
            content: [
              { reasoningContent: { reasoningText: { text: "hmm", signature: "sig" } } },
              { reasoningContent: { redactedContent: "b64==" } },
              { text: "a" },
            ],
          },
          { role: "user", content: [{ text: "more" }] },
        ],
      },
    },
    {
      name: "images: data URLs of any encoding, s3 locations; files as documents; cache points",
      request: {
        messages: [
          {
            role: "user",
            content: [
              { type: "text", text: "Look", providerOptions: { bedrock: { cachePoint: { type: "default" } } } },
              { type: "image", url: "data:image/jpg;base64,AAAA" },
              { type: "image", url: "data:image/webp,%00%01%FF" },
              { type: "image", url: "s3://bucket/cat.PNG" },
              { type: "file", data: "data:application/pdf;base64,JVBERi0=", filename: "Q3 report (final).v2.pdf" },
            ],
          },
        ],
      },
      body: {
        messages: [
          {
            role: "user",
            content: [
              { text: "Look" },
              { cachePoint: { type: "default" } },
              { image: { format: "jpeg", source: { bytes: "AAAA" } } },
              { image: { format: "webp", source: { bytes: "AAH/" } } },
              { image: { format: "png", source: { s3Location: { uri: "s3://bucket/cat.PNG" } } } },
              { document: { format: "pdf", name: "Q3 report (final) v2", source: { bytes: "JVBERi0=" } } },
            ],
          },
        ],
      },
    },
  ])("$name", ({ request: fields, body }) => {
    expect(toBedrockConverseBody(request(fields))).toEqual(body);
  });

  it.each<{ name: string; request: Partial<ChatRequest>; param: string; message: RegExp }>([
    { name: "n > 1", request: { sampling: { n: 2 } }, param: "n", message: /one choice/ },
    {
      name: "an http image URL",
      request: { messages: [{ role: "user", content: [{ type: "image", url: "http://example.com/a.png" }] }] },
      param: "messages",
      message: /data: URL/,
    },
    {
      name: "a bmp image",
      request: { messages: [{ role: "user", content: [{ type: "image", url: "data:image/bmp;base64,AA==" }] }] },
      param: "messages",
      message: /image\/bmp/,
    },
    {
      name: "audio",
      request: { messages: [{ role: "user", content: [{ type: "audio", data: "AA==", format: "wav" }] }] },
      param: "messages",
      message: /audio/,
    },
    {
      name: "a file id",
      request: { messages: [{ role: "user", content: [{ type: "file", fileId: "file-1" }] }] },
      param: "messages",
      message: /file ids/,
    },
  ])("refuses $name with a 400 unsupported_feature", ({ request: fields, param, message }) => {
    expect(() => toBedrockConverseBody(request(fields))).toThrow(
      expect.objectContaining({
        code: "unsupported_feature",
        status: 400,
        param,
        message: expect.stringMatching(message),
      }),
    );
  });
});
