import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { planGeminiWrites } from "./mock-gemini/stream.js";
import {
  DEFAULT_MOCK_GEMINI_API_KEY,
  type MockGeminiUpstream,
  mockEmbedding,
  SKIP_THOUGHT_SIGNATURE,
  startMockGeminiUpstream,
} from "./mock-gemini-upstream.js";

interface GeminiChunk {
  candidates?: Array<{
    content?: { role: string; parts: Array<Record<string, unknown>> };
    finishReason?: string;
    index: number;
  }>;
  promptFeedback?: { blockReason: string };
  usageMetadata: { promptTokenCount: number; candidatesTokenCount?: number; totalTokenCount: number };
  modelVersion: string;
  responseId: string;
}

let mock: MockGeminiUpstream;

beforeAll(async () => {
  mock = await startMockGeminiUpstream();
});
afterEach(() => mock.reset());
afterAll(() => mock.close());

const USER_TURN = { role: "user", parts: [{ text: "hello world" }] };
const TOOLS = [
  {
    functionDeclarations: [
      { name: "get_weather", parameters: { type: "object", properties: { city: { type: "string" } } } },
      { name: "get_time" },
    ],
  },
];

function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${mock.url}${path}`, {
    method: "POST",
    headers: { "x-goog-api-key": DEFAULT_MOCK_GEMINI_API_KEY, "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

function generate(model: string, body: Record<string, unknown>, headers?: Record<string, string>) {
  return post(`/v1beta/models/${model}:generateContent`, { contents: [USER_TURN], ...body }, headers);
}

/** Strict Gemini SSE framing: nothing but `data: <json>\r\n\r\n` blocks. */
function sseChunks(text: string): GeminiChunk[] {
  const blocks = text.split("\r\n\r\n");
  expect(blocks.pop()).toBe("");
  return blocks.map((block) => {
    expect(block).toMatch(/^data: [^\r\n]*$/);
    return JSON.parse(block.slice("data: ".length)) as GeminiChunk;
  });
}

async function stream(model: string, body: Record<string, unknown>): Promise<GeminiChunk[]> {
  const response = await post(`/v1beta/models/${model}:streamGenerateContent?alt=sse`, {
    contents: [USER_TURN],
    ...body,
  });
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toBe("text/event-stream");
  return sseChunks(await response.text());
}

describe("mock Gemini upstream: auth", () => {
  it("answers a wrong key with Google's 400 API_KEY_INVALID body", async () => {
    const response = await generate("gemini-2.5-flash", {}, { "x-goog-api-key": "AIza-wrong" });
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toBe("application/json; charset=UTF-8");
    const text = await response.text();
    expect(text).toMatch(/^\{\n {2}"error": \{\n/);
    expect(JSON.parse(text)).toEqual({
      error: {
        code: 400,
        message: "API key not valid. Please pass a valid API key.",
        status: "INVALID_ARGUMENT",
        details: [
          {
            "@type": "type.googleapis.com/google.rpc.ErrorInfo",
            reason: "API_KEY_INVALID",
            domain: "googleapis.com",
            metadata: { service: "generativelanguage.googleapis.com" },
          },
          {
            "@type": "type.googleapis.com/google.rpc.LocalizedMessage",
            locale: "en-US",
            message: "API key not valid. Please pass a valid API key.",
          },
        ],
      },
    });
  });

  it("answers a missing key with 403 PERMISSION_DENIED and accepts ?key=", async () => {
    const missing = await fetch(`${mock.url}/v1beta/models/gemini-2.5-flash:generateContent`, {
      method: "POST",
      body: JSON.stringify({ contents: [USER_TURN] }),
    });
    expect(missing.status).toBe(403);
    expect(((await missing.json()) as { error: { status: string } }).error.status).toBe("PERMISSION_DENIED");
    const byQuery = await fetch(
      `${mock.url}/v1beta/models/gemini-2.5-flash:generateContent?key=${DEFAULT_MOCK_GEMINI_API_KEY}`,
      { method: "POST", body: JSON.stringify({ contents: [USER_TURN] }) },
    );
    expect(byQuery.status).toBe(200);
  });

  it("answers an unknown path with Google's HTML 404", async () => {
    const response = await post("/v1beta/chat/completions", {});
    expect(response.status).toBe(404);
    expect(await response.text()).toContain("Error 404 (Not Found)!!1");
  });
});

describe("mock Gemini upstream: request validation", () => {
  it.each([
    [
      "a role other than user/model",
      { contents: [{ role: "assistant", parts: [{ text: "hi" }] }] },
      "Please use a valid role: user, model.",
    ],
    [
      "role system",
      { contents: [{ role: "system", parts: [{ text: "hi" }] }] },
      "Please use a valid role: user, model.",
    ],
    [
      "additionalProperties in parameters",
      {
        tools: [
          {
            functionDeclarations: [
              {
                name: "f",
                parameters: { type: "object", properties: { a: { type: "string" } }, additionalProperties: false },
              },
            ],
          },
        ],
      },
      `Invalid JSON payload received. Unknown name "additionalProperties" at 'tools[0].function_declarations[0].parameters': Cannot find field.`,
    ],
    [
      "$schema deep in responseSchema",
      {
        generationConfig: {
          responseMimeType: "application/json",
          responseSchema: { type: "object", properties: { a: { type: "string", $schema: "x" } } },
        },
      },
      `Invalid JSON payload received. Unknown name "$schema" at 'generation_config.response_schema.properties[0].value': Cannot find field.`,
    ],
    [
      "an OBJECT without properties in parameters",
      { tools: [{ functionDeclarations: [{ name: "f", parameters: { type: "object", properties: {} } }] }] },
      "* GenerateContentRequest.tools[0].function_declarations[0].parameters.properties: should be non-empty for OBJECT type\n",
    ],
    [
      "empty parts",
      { contents: [{ role: "user", parts: [] }] },
      "* GenerateContentRequest.contents[0].parts: contents.parts must not be empty.\n",
    ],
    [
      "an empty text part",
      { contents: [{ role: "user", parts: [{ text: "" }] }] },
      "* GenerateContentRequest.contents[0].parts[0].data: required oneof field 'data' must have one initialized field\n",
    ],
    [
      "a nameless function response",
      { contents: [USER_TURN, { role: "user", parts: [{ functionResponse: { response: {} } }] }] },
      "* GenerateContentRequest.contents[1].parts[0].function_response.name: Name cannot be empty.\n",
    ],
    [
      "an unknown top-level field",
      { messages: [] },
      `Invalid JSON payload received. Unknown name "messages": Cannot find field.`,
    ],
    ["no contents", { contents: [] }, "* GenerateContentRequest.contents: contents is not specified\n"],
  ])("rejects %s with 400 INVALID_ARGUMENT", async (_name, body, message) => {
    const response = await generate("gemini-2.5-flash", body);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: { code: 400, message, status: "INVALID_ARGUMENT" } });
  });

  it("accepts snake_case field names, as proto3 JSON allows", async () => {
    const response = await generate("gemini-2.5-flash", {
      system_instruction: { parts: [{ text: "Be brief." }] },
      generation_config: { max_output_tokens: 100 },
    });
    expect(response.status).toBe(200);
  });

  describe("thought signatures on gemini-3*", () => {
    const history = (signature?: unknown) => ({
      tools: TOOLS,
      contents: [
        USER_TURN,
        {
          role: "model",
          parts: [{ functionCall: { name: "get_weather", args: { city: "Paris" } }, thoughtSignature: signature }],
        },
        { role: "user", parts: [{ functionResponse: { name: "get_weather", response: { output: "21C" } } }] },
      ],
    });

    it("rejects a model turn whose first function call has no signature", async () => {
      const response = await generate("gemini-3-pro-preview", history());
      expect(response.status).toBe(400);
      const body = (await response.json()) as { error: { message: string } };
      expect(body.error.message).toMatch(/^Function call is missing a thought_signature in functionCall parts\./);
      expect(body.error.message).toContain("function call `default_api:get_weather` , position 2");
    });

    it("rejects a signature it did not issue, and accepts Google's skip value", async () => {
      const bogus = await generate("gemini-3-pro-preview", history("bm90LW1pbmU="));
      expect(((await bogus.json()) as { error: { message: string } }).error.message).toBe(
        "Thought signature is not valid.",
      );
      const skipped = await generate("gemini-3-pro-preview", history(SKIP_THOUGHT_SIGNATURE));
      expect(skipped.status).toBe(200);
    });

    it("accepts the signature it issued, and older models do not check", async () => {
      const first = (await (await generate("gemini-3-pro-preview", { tools: TOOLS })).json()) as GeminiChunk;
      const signature = first.candidates?.[0]?.content?.parts[0]?.["thoughtSignature"];
      expect((await generate("gemini-3-pro-preview", history(signature))).status).toBe(200);
      expect((await generate("gemini-2.5-flash", history())).status).toBe(200);
    });
  });
});

describe("mock Gemini upstream: answers", () => {
  it("echoes the last user text as a pretty-printed GenerateContentResponse", async () => {
    const response = await generate("gemini-2.0-flash", {});
    expect(response.status).toBe(200);
    expect(response.headers.get("server")).toBe("scaffolding on HTTPServer2");
    const text = await response.text();
    expect(text.startsWith('{\n  "candidates": [')).toBe(true);
    expect(JSON.parse(text)).toEqual({
      candidates: [
        { content: { parts: [{ text: "Echo: hello world ✓" }], role: "model" }, finishReason: "STOP", index: 0 },
      ],
      usageMetadata: {
        promptTokenCount: 2,
        candidatesTokenCount: 5,
        totalTokenCount: 7,
        promptTokensDetails: [{ modality: "TEXT", tokenCount: 2 }],
      },
      modelVersion: "gemini-2.0-flash",
      responseId: expect.stringMatching(/^[A-Za-z0-9_-]{22,23}$/),
    });
  });

  it("answers a thinking model with thoughtsTokenCount outside candidatesTokenCount and a signed last part", async () => {
    const body = (await (await generate("gemini-2.5-flash", {})).json()) as GeminiChunk;
    expect(body.usageMetadata).toMatchObject({ candidatesTokenCount: 5, thoughtsTokenCount: 24, totalTokenCount: 31 });
    expect(body.candidates?.[0]?.content?.parts[0]).toEqual({
      text: "Echo: hello world ✓",
      thoughtSignature: expect.any(String),
    });
  });

  it("calls two functions, whole, with a signature on the first only and finishReason STOP", async () => {
    const body = (await (await generate("gemini-2.5-flash", { tools: TOOLS })).json()) as GeminiChunk;
    expect(body.candidates?.[0]).toEqual({
      content: {
        parts: [
          { functionCall: { name: "get_weather", args: { city: "Paris" } }, thoughtSignature: expect.any(String) },
          { functionCall: { name: "get_time", args: { city: "London" } } },
        ],
        role: "model",
      },
      finishReason: "STOP",
      index: 0,
    });
  });

  it("follows toolConfig: NONE answers in text, ANY keeps to the allowed names", async () => {
    const none = (await (
      await generate("gemini-2.0-flash", { tools: TOOLS, toolConfig: { functionCallingConfig: { mode: "NONE" } } })
    ).json()) as GeminiChunk;
    expect(none.candidates?.[0]?.content?.parts).toEqual([{ text: "Echo: hello world ✓" }]);
    const only = (await (
      await generate("gemini-2.0-flash", {
        tools: TOOLS,
        toolConfig: { functionCallingConfig: { mode: "ANY", allowedFunctionNames: ["get_time"] } },
      })
    ).json()) as GeminiChunk;
    expect(only.candidates?.[0]?.content?.parts.map((part) => (part["functionCall"] as { name: string }).name)).toEqual(
      ["get_time", "get_time"],
    );
  });

  it("echoes function responses after a call", async () => {
    const body = (await (
      await generate("gemini-2.0-flash", {
        contents: [
          USER_TURN,
          { role: "model", parts: [{ functionCall: { name: "get_time", args: {} } }] },
          { role: "user", parts: [{ functionResponse: { name: "get_time", response: { output: "12:00" } } }] },
        ],
        tools: TOOLS,
      })
    ).json()) as GeminiChunk;
    expect(body.candidates?.[0]?.content?.parts).toEqual([{ text: "Echo: tool result 12:00 ✓" }]);
  });

  it("blocks the candidate (mock-safety) and the prompt (mock-prompt-blocked)", async () => {
    const safety = (await (await generate("mock-safety", {})).json()) as GeminiChunk;
    expect(safety.candidates).toEqual([{ finishReason: "SAFETY", safetyRatings: expect.any(Array), index: 0 }]);
    const blocked = (await (await generate("mock-prompt-blocked", {})).json()) as GeminiChunk;
    expect(blocked).not.toHaveProperty("candidates");
    expect(blocked.promptFeedback).toMatchObject({ blockReason: "SAFETY" });
    expect(blocked.usageMetadata).toEqual({
      promptTokenCount: 2,
      totalTokenCount: 2,
      promptTokensDetails: [{ modality: "TEXT", tokenCount: 2 }],
    });
  });

  it.each([
    ["mock-error-400", 400, "INVALID_ARGUMENT"],
    ["mock-error-403", 403, "PERMISSION_DENIED"],
    ["mock-error-404", 404, "NOT_FOUND"],
    ["mock-error-429", 429, "RESOURCE_EXHAUSTED"],
    ["mock-error-500", 500, "INTERNAL"],
    ["mock-error-503", 503, "UNAVAILABLE"],
  ])("%s answers %d %s", async (model, status, statusName) => {
    const response = await generate(model, {});
    expect(response.status).toBe(status);
    const body = (await response.json()) as { error: { code: number; status: string; details?: unknown[] } };
    expect(body.error).toMatchObject({ code: status, status: statusName });
    if (status === 429) {
      expect(body.error.details).toContainEqual({
        "@type": "type.googleapis.com/google.rpc.RetryInfo",
        retryDelay: "37s",
      });
    }
  });
});

describe("mock Gemini upstream: streams", () => {
  it("streams CRLF events with incremental text, cumulative usage and a final finishReason", async () => {
    const chunks = await stream("gemini-2.5-flash", {});
    expect(chunks.length).toBeGreaterThan(2);
    const text = chunks.flatMap((chunk) => chunk.candidates?.[0]?.content?.parts ?? []).map((part) => part["text"]);
    expect(text.join("")).toBe("Echo: hello world ✓");
    const totals = chunks.map((chunk) => chunk.usageMetadata.totalTokenCount);
    expect(totals).toEqual([...totals].sort((a, b) => a - b));
    expect(chunks.map((chunk) => chunk.candidates?.[0]?.finishReason)).toEqual([
      ...chunks.slice(1).map(() => undefined),
      "STOP",
    ]);
    expect(new Set(chunks.map((chunk) => chunk.responseId)).size).toBe(1);
  });

  it("streams each function call whole, in its own event", async () => {
    const chunks = await stream("gemini-2.5-flash", { tools: TOOLS });
    expect(chunks.map((chunk) => chunk.candidates?.[0]?.content?.parts)).toEqual([
      [{ functionCall: { name: "get_weather", args: { city: "Paris" } }, thoughtSignature: expect.any(String) }],
      [{ functionCall: { name: "get_time", args: { city: "London" } } }],
    ]);
    expect(chunks.at(-1)?.candidates?.[0]?.finishReason).toBe("STOP");
  });

  it("cuts writes inside events, inside a CRLF pair and inside a multi-byte character", () => {
    const events = [
      'data: {"a":1}\r\n\r\n',
      'data: {"b":"✓"}\r\n\r\n',
      'data: {"c":3}\r\n\r\n',
      'data: {"d":4}\r\n\r\n',
    ];
    const writes = planGeminiWrites(events).map((bytes) => bytes.toString("latin1"));
    expect(writes.join("")).toBe(Buffer.from(events.join("")).toString("latin1"));
    expect(writes[0]?.endsWith("\r\n\r")).toBe(true);
    expect(writes.some((write) => write.endsWith("\xe2"))).toBe(true);
    expect(writes.at(-1)).toBe(Buffer.from(events.slice(2).join("")).toString("latin1"));
  });

  it.each([
    ["mock-truncated-stream", (chunks: GeminiChunk[]) => chunks.every((chunk) => !chunk.candidates?.[0]?.finishReason)],
    ["mock-safety", (chunks: GeminiChunk[]) => chunks.at(-1)?.candidates?.[0]?.finishReason === "SAFETY"],
    ["mock-prompt-blocked", (chunks: GeminiChunk[]) => chunks.length === 1 && chunks[0]?.promptFeedback !== undefined],
  ])("%s streams as described", async (model, check) => {
    expect(check(await stream(model, {}))).toBe(true);
  });

  it("sends an in-band error after the first event (mock-stream-error)", async () => {
    const response = await post("/v1beta/models/mock-stream-error:streamGenerateContent?alt=sse", {
      contents: [USER_TURN],
    });
    const blocks = (await response.text()).split("\r\n\r\n").filter(Boolean);
    expect(blocks).toHaveLength(2);
    expect(JSON.parse(blocks[1]?.slice("data: ".length) ?? "")).toMatchObject({
      error: { code: 500, status: "INTERNAL" },
    });
  });

  it("streams one JSON array without alt=sse", async () => {
    const response = await post("/v1beta/models/gemini-2.0-flash:streamGenerateContent", { contents: [USER_TURN] });
    const chunks = JSON.parse(await response.text()) as GeminiChunk[];
    expect(chunks.at(-1)?.candidates?.[0]?.finishReason).toBe("STOP");
  });

  it("records a client that goes away (mock-hang)", async () => {
    const controller = new AbortController();
    const pending = fetch(`${mock.url}/v1beta/models/mock-hang:streamGenerateContent?alt=sse`, {
      method: "POST",
      headers: { "x-goog-api-key": DEFAULT_MOCK_GEMINI_API_KEY },
      body: JSON.stringify({ contents: [USER_TURN] }),
      signal: controller.signal,
    }).catch(() => undefined);
    await mock.waitForRequests(1);
    controller.abort();
    await pending;
    await mock.waitForAbort(0);
    expect(mock.lastRequest()?.aborted).toBe(true);
  });
});

describe("mock Gemini upstream: batchEmbedContents", () => {
  it("returns one vector per request, outputDimensionality long", async () => {
    const response = await post("/v1beta/models/gemini-embedding-001:batchEmbedContents", {
      requests: [
        { model: "models/gemini-embedding-001", content: { parts: [{ text: "alpha" }] }, outputDimensionality: 3 },
        { model: "models/gemini-embedding-001", content: { parts: [{ text: "beta" }] } },
      ],
    });
    expect(await response.json()).toEqual({
      embeddings: [{ values: mockEmbedding("alpha", 3) }, { values: mockEmbedding("beta", 8) }],
    });
  });

  it("rejects a request whose model is not the one in the path", async () => {
    const response = await post("/v1beta/models/gemini-embedding-001:batchEmbedContents", {
      requests: [{ model: "models/other", content: { parts: [{ text: "alpha" }] } }],
    });
    expect(response.status).toBe(400);
  });
});
