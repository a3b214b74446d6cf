import OpenAI from "openai";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { planWrites } from "./mock-openai/http-io.js";
import {
  DEFAULT_MOCK_API_KEY,
  type MockOpenAIUpstream,
  mockEmbedding,
  startMockOpenAIUpstream,
} from "./mock-openai-upstream.js";

const AZURE_KEY = "azure-mock-key";

interface ChunkChoice {
  index: number;
  delta: {
    role?: string;
    content?: string | null;
    refusal?: null;
    tool_calls?: { index: number; id?: string; type?: string; function: { name?: string; arguments: string } }[];
  };
  logprobs: unknown;
  finish_reason: string | null;
}
interface ChatChunk {
  id: string;
  object: string;
  created: number;
  model: string;
  choices: ChunkChoice[];
  usage?: unknown;
}
interface ChatCompletion {
  id: string;
  object: string;
  model: string;
  choices: {
    index: number;
    message: { role: string; content: string | null; tool_calls?: unknown };
    logprobs: { content: { token: string; bytes: number[] }[] } | null;
    finish_reason: string;
  }[];
  usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number };
  system_fingerprint: string;
  prompt_filter_results?: unknown;
}
interface EmbeddingList {
  object: string;
  model: string;
  data: { object: string; index: number; embedding: number[] | string }[];
  usage: { prompt_tokens: number; total_tokens: number };
}

let mock: MockOpenAIUpstream;

beforeAll(async () => {
  mock = await startMockOpenAIUpstream({ azure: { apiKey: AZURE_KEY } });
});
afterEach(() => mock.reset());
afterAll(() => mock.close());

function post(path: string, body: unknown, headers: Record<string, string> = {}, signal?: AbortSignal) {
  return fetch(`${mock.url}${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${DEFAULT_MOCK_API_KEY}`, "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
    ...(signal ? { signal } : {}),
  });
}

function chat(body: Record<string, unknown>, headers: Record<string, string> = {}) {
  return post("/v1/chat/completions", { messages: [{ role: "user", content: "hello world" }], ...body }, headers);
}

/** Strict OpenAI framing: the body is nothing but `data: <payload>\n\n` blocks. Returns the payloads. */
function ssePayloads(text: string): string[] {
  const blocks = text.split("\n\n");
  expect(blocks.pop()).toBe("");
  return blocks.map((block) => {
    expect(block).toMatch(/^data: [^\n]*$/);
    return block.slice("data: ".length);
  });
}

/** Payloads before `[DONE]`, parsed; asserts `[DONE]` comes exactly once, last. */
function chunksOf(text: string): ChatChunk[] {
  const payloads = ssePayloads(text);
  expect(payloads.filter((payload) => payload === "[DONE]")).toHaveLength(1);
  expect(payloads.at(-1)).toBe("[DONE]");
  return payloads.slice(0, -1).map((payload) => JSON.parse(payload) as ChatChunk);
}

function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function decodeBase64Floats(base64: string): number[] {
  const bytes = Buffer.from(base64, "base64");
  return Array.from({ length: bytes.length / 4 }, (_, index) => bytes.readFloatLE(index * 4));
}

describe("auth and routing", () => {
  it("rejects a missing or wrong key with OpenAI's 401 body, and records the request", async () => {
    const missing = await post("/v1/chat/completions", { model: "gpt-4o-mini", messages: [] }, { authorization: "" });
    expect(missing.status).toBe(401);
    expect(missing.headers.get("x-request-id")).toMatch(/^req_[0-9a-f]{32}$/);
    expect(missing.headers.get("openai-processing-ms")).toMatch(/^\d+$/);
    const missingBody = (await missing.json()) as { error: { message: string; code: string } };
    expect(missingBody.error.message).toMatch(/^You didn't provide an API key\./);

    const wrong = await post("/v1/chat/completions", {}, { authorization: "Bearer sk-wrong-key-1234" });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toEqual({
      error: {
        message:
          "Incorrect API key provided: sk-**********1234. You can find your API key at https://platform.openai.com/account/api-keys.",
        type: "invalid_request_error",
        param: null,
        code: "invalid_api_key",
      },
    });
    expect(mock.requests.map((request) => request.headers["authorization"])).toEqual(["", "Bearer sk-wrong-key-1234"]);
  });

  it("answers unknown paths with 404 and malformed JSON with 400, in OpenAI's shape", async () => {
    const unknown = await post("/v1/nope", {});
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({
      error: { message: "Invalid URL (POST /v1/nope)", type: "invalid_request_error", param: null, code: null },
    });
    const malformed = await post("/v1/chat/completions", '{"model":');
    expect(malformed.status).toBe(400);
    const body = (await malformed.json()) as { error: { message: string; type: string } };
    expect(body.error.message).toMatch(/^We could not parse the JSON body of your request\./);
    expect(mock.lastRequest()).toMatchObject({ rawBody: '{"model":', body: undefined });
    const streamOptions = await chat({ model: "gpt-4o-mini", stream_options: { include_usage: true } });
    expect(streamOptions.status).toBe(400);
    expect(((await streamOptions.json()) as { error: { param: string } }).error.param).toBe("stream_options");
  });

  it("lists models", async () => {
    const response = await fetch(`${mock.url}/v1/models`, {
      headers: { authorization: `Bearer ${DEFAULT_MOCK_API_KEY}` },
    });
    const list = (await response.json()) as { object: string; data: { id: string; owned_by: string }[] };
    expect(list.object).toBe("list");
    expect(list.data[0]).toMatchObject({ id: "gpt-4o-mini", object: "model", owned_by: "system" });
  });
});

describe("chat completions", () => {
  it("echoes the last user message and records the request", async () => {
    const response = await post(
      "/v1/chat/completions?trace=1",
      {
        model: "gpt-4o-mini",
        n: 2,
        logprobs: true,
        messages: [
          { role: "system", content: "Be terse." },
          {
            role: "user",
            content: [
              { type: "text", text: "hello" },
              { type: "text", text: "world" },
            ],
          },
        ],
      },
      { "x-extra": "yes" },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json");
    const completion = (await response.json()) as ChatCompletion;
    expect(completion).toMatchObject({ object: "chat.completion", model: "gpt-4o-mini" });
    expect(completion.id).toMatch(/^chatcmpl-[A-Za-z0-9]{29}$/);
    expect(completion.system_fingerprint).toMatch(/^fp_[0-9a-f]{10}$/);
    expect(completion.choices.map((choice) => [choice.index, choice.message.content, choice.finish_reason])).toEqual([
      [0, "Echo: hello world ✓", "stop"],
      [1, "Echo: hello world ✓", "stop"],
    ]);
    const tokens = completion.choices[0]?.logprobs?.content.map((entry) => entry.token);
    expect(tokens?.join("")).toBe("Echo: hello world ✓");
    expect(completion.usage).toMatchObject({ prompt_tokens: 4, completion_tokens: 8, total_tokens: 12 });

    const recorded = mock.lastRequest();
    expect(recorded).toMatchObject({ method: "POST", path: "/v1/chat/completions", query: { trace: "1" } });
    expect(recorded?.headers["x-extra"]).toBe("yes");
    expect(recorded?.body).toMatchObject({ model: "gpt-4o-mini", n: 2 });
  });

  it("streams the same text with OpenAI's exact framing, without usage by default", async () => {
    const response = await chat({ model: "gpt-4o-mini", stream: true });
    expect(response.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("no-cache");
    expect(response.headers.get("content-length")).toBeNull();
    const chunks = chunksOf(await response.text());
    const [first, ...rest] = chunks;
    const last = rest.pop();
    expect(first?.choices).toEqual([
      { index: 0, delta: { role: "assistant", content: "", refusal: null }, logprobs: null, finish_reason: null },
    ]);
    expect(rest.length).toBeGreaterThan(1);
    expect(rest.map((chunk) => chunk.choices[0]?.delta.content).join("")).toBe("Echo: hello world ✓");
    expect(last?.choices).toEqual([{ index: 0, delta: {}, logprobs: null, finish_reason: "stop" }]);
    for (const chunk of chunks) {
      expect(chunk).toMatchObject({ id: first?.id, object: "chat.completion.chunk", model: "gpt-4o-mini" });
      expect(chunk).not.toHaveProperty("usage");
    }
  });

  it("adds usage:null to every chunk and a choices:[] usage chunk when include_usage is set", async () => {
    const response = await chat({ model: "gpt-4o-mini", stream: true, stream_options: { include_usage: true } });
    const chunks = chunksOf(await response.text());
    const usageChunk = chunks.pop();
    expect(usageChunk?.choices).toEqual([]);
    expect(usageChunk?.usage).toMatchObject({ prompt_tokens: 2, completion_tokens: 4, total_tokens: 6 });
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe("stop");
    for (const chunk of chunks) expect(chunk.usage).toBeNull();
  });

  it("cuts streams into realistic writes: shared writes and a split multi-byte character", () => {
    const events = ['data: {"a":1}\n\n', 'data: {"b":"→ ✓"}\n\n', "data: {}\n\n", "data: [DONE]\n\n"];
    const writes = planWrites(events);
    expect(Buffer.concat(writes).toString("utf8")).toBe(events.join(""));
    expect(writes.some((bytes) => bytes.toString("utf8").split("data: ").length > 2)).toBe(true);
    // One write ends in the middle of a character, so it is not valid UTF-8 on its own.
    expect(writes.some((bytes) => !isValidUtf8(bytes))).toBe(true);
  });

  it("answers with two parallel tool calls, streamed as index-based argument fragments", async () => {
    const tools = ["get_weather", "get_time", "unused"].map((name) => ({
      type: "function",
      function: { name, parameters: { type: "object" } },
    }));
    const whole = (await (await chat({ model: "gpt-4o", tools })).json()) as ChatCompletion;
    expect(whole.choices[0]?.finish_reason).toBe("tool_calls");
    expect(whole.choices[0]?.message).toMatchObject({
      content: null,
      tool_calls: [
        { id: "call_1", type: "function", function: { name: "get_weather", arguments: '{"city":"Paris"}' } },
        { id: "call_2", type: "function", function: { name: "get_time", arguments: '{"city":"Paris"}' } },
      ],
    });

    const chunks = chunksOf(await (await chat({ model: "gpt-4o", tools, stream: true })).text());
    expect(chunks[0]?.choices[0]?.delta).toMatchObject({ role: "assistant", content: null });
    const calls = new Map<number, { id?: string; name?: string; arguments: string; starts: number }>();
    for (const delta of chunks.flatMap((chunk) => chunk.choices[0]?.delta.tool_calls ?? [])) {
      const call = calls.get(delta.index) ?? { arguments: "", starts: 0 };
      if (delta.id !== undefined) call.starts += 1;
      call.id ??= delta.id;
      call.name ??= delta.function.name;
      call.arguments += delta.function.arguments;
      calls.set(delta.index, call);
    }
    expect([...calls.entries()]).toEqual([
      [0, { id: "call_1", name: "get_weather", arguments: '{"city":"Paris"}', starts: 1 }],
      [1, { id: "call_2", name: "get_time", arguments: '{"city":"Paris"}', starts: 1 }],
    ]);
    expect(chunks.length).toBeGreaterThan(6);
    expect(chunks.at(-1)?.choices[0]).toEqual({ index: 0, delta: {}, logprobs: null, finish_reason: "tool_calls" });
  });

  it("echoes tool results and answers JSON mode with a JSON string", async () => {
    const afterTool = (await (
      await chat({
        model: "gpt-4o",
        messages: [
          { role: "user", content: "weather?" },
          {
            role: "assistant",
            content: null,
            tool_calls: [{ id: "call_1", type: "function", function: { name: "w", arguments: "{}" } }],
          },
          { role: "tool", tool_call_id: "call_1", content: "21C" },
        ],
      })
    ).json()) as ChatCompletion;
    expect(afterTool.choices[0]?.message.content).toBe("Echo: tool result 21C ✓");
    const json = (await (
      await chat({ model: "gpt-4o", response_format: { type: "json_object" } })
    ).json()) as ChatCompletion;
    expect(json.choices[0]?.message.content).toBe('{"echo":"hello world"}');
  });
});

describe("embeddings", () => {
  it("returns the same unit vectors as floats and as little-endian float32 base64", async () => {
    const input = ["hello", "world"];
    const floats = (await (
      await post("/v1/embeddings", { model: "text-embedding-3-small", input, encoding_format: "float" })
    ).json()) as EmbeddingList;
    const base64 = (await (
      await post("/v1/embeddings", { model: "text-embedding-3-small", input, encoding_format: "base64" })
    ).json()) as EmbeddingList;
    expect(floats).toMatchObject({
      object: "list",
      model: "text-embedding-3-small",
      usage: { prompt_tokens: 2, total_tokens: 2 },
    });
    expect(floats.data.map((item) => [item.object, item.index])).toEqual([
      ["embedding", 0],
      ["embedding", 1],
    ]);
    const vectors = floats.data.map((item) => item.embedding as number[]);
    expect(vectors[0]).toHaveLength(8);
    expect(vectors[0]).toEqual(mockEmbedding("hello"));
    expect(vectors[0]).not.toEqual(vectors[1]);
    expect(Math.hypot(...(vectors[0] ?? []))).toBeCloseTo(1, 5);
    expect(base64.data.map((item) => decodeBase64Floats(item.embedding as string))).toEqual(vectors);
  });

  it("honours dimensions and token-array input", async () => {
    const list = (await (
      await post("/v1/embeddings", { model: "e", input: [[1, 2, 3]], dimensions: 16 })
    ).json()) as EmbeddingList;
    expect(list.data[0]?.embedding).toHaveLength(16);
    expect(list.usage).toEqual({ prompt_tokens: 3, total_tokens: 3 });
  });
});

describe("scenarios", () => {
  it("returns 429 with OpenAI's body and retry headers", async () => {
    const response = await chat({ model: "mock-error-429" });
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("1");
    expect(response.headers.get("x-ratelimit-remaining-requests")).toBe("0");
    const body = (await response.json()) as { error: { type: string; code: string; message: string } };
    expect(body.error).toMatchObject({ type: "requests", code: "rate_limit_exceeded", param: null });
    expect(body.error.message).toMatch(/^Rate limit reached for mock-error-429/);
    const embeddings = await post("/v1/embeddings", { model: "mock-error-500", input: "x" });
    expect(embeddings.status).toBe(500);
  });

  it("sends an in-band error after the role chunk, then ends without [DONE]", async () => {
    const text = await (await chat({ model: "mock-stream-error", stream: true })).text();
    const payloads = ssePayloads(text);
    expect(payloads).toHaveLength(2);
    expect(payloads[1]).toBe(
      '{"error":{"message":"The server had an error while processing your request.","type":"server_error","param":null,"code":null}}',
    );
  });

  it("streams mock-character-stream one character per chunk", async () => {
    const chunks = chunksOf(await (await chat({ model: "mock-character-stream", stream: true })).text());
    const contents = chunks.slice(1, -1).map((chunk) => chunk.choices[0]?.delta.content ?? "");
    expect(contents.join("")).toBe("Echo: hello world ✓");
    expect(contents.every((content) => Array.from(content).length === 1)).toBe(true);
  });

  it("truncates streams cleanly and resets them abruptly", async () => {
    const truncated = ssePayloads(await (await chat({ model: "mock-truncated-stream", stream: true })).text());
    expect(truncated).not.toContain("[DONE]");
    expect(truncated.map((payload) => (JSON.parse(payload) as ChatChunk).choices[0]?.finish_reason)).not.toContain(
      "stop",
    );

    const reset = await chat({ model: "mock-reset-mid-stream", stream: true });
    expect(reset.status).toBe(200);
    await expect(reset.text()).rejects.toThrow();
    expect(mock.lastRequest()?.aborted).toBe(false);
  });

  it("delays the first byte by x-mock-delay-ms and serves garbage on request", async () => {
    const started = Date.now();
    const slow = await chat({ model: "mock-slow-first-byte" }, { "x-mock-delay-ms": "150" });
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(slow.status).toBe(200);
    const garbage = await chat({ model: "mock-garbage" });
    expect(garbage.headers.get("content-type")).toBe("application/json");
    expect(await garbage.text()).toBe("not json {");
  });

  it("records a client abort of a hanging request", async () => {
    const controller = new AbortController();
    const pending = post("/v1/chat/completions", { model: "mock-hang", messages: [] }, {}, controller.signal).catch(
      (error: unknown) => error,
    );
    await mock.waitForRequests(1);
    expect(mock.lastRequest()?.aborted).toBe(false);
    controller.abort();
    await mock.waitForAbort();
    expect(mock.requests[0]?.aborted).toBe(true);
    expect(await pending).toBeInstanceOf(Error);
  });

  it("records a client abort in the middle of a slow stream", async () => {
    const response = await chat({ model: "mock-slow-stream", stream: true }, { "x-mock-delay-ms": "50" });
    const reader = response.body!.getReader();
    await reader.read();
    await reader.cancel();
    await mock.waitForAbort(0);
    await expect(mock.waitForRequests(2, 50)).rejects.toThrow(/timed out/);
  });
});

describe("azure deployments", () => {
  const path = "/openai/deployments/my-gpt/chat/completions";
  const messages = [{ role: "user", content: "hi" }];

  it("requires api-version and api-key", async () => {
    const noVersion = await post(path, { messages }, { "api-key": AZURE_KEY });
    expect(noVersion.status).toBe(404);
    expect(await noVersion.json()).toEqual({ error: { code: "404", message: "Resource not found" } });
    const wrongKey = await post(`${path}?api-version=2024-10-21`, { messages }, { "api-key": "nope" });
    expect(wrongKey.status).toBe(401);
  });

  it("answers as the deployment, with filter results and a leading filter-only chunk when streaming", async () => {
    const url = `${path}?api-version=2024-10-21`;
    const whole = (await (await post(url, { messages }, { "api-key": AZURE_KEY })).json()) as ChatCompletion;
    expect(whole.model).toBe("my-gpt");
    expect(whole.prompt_filter_results).toBeDefined();
    expect(whole.choices[0]?.message.content).toBe("Echo: hi ✓");
    const chunks = chunksOf(await (await post(url, { messages, stream: true }, { "api-key": AZURE_KEY })).text());
    expect(chunks[0]).toMatchObject({ id: "", choices: [] });
    expect(mock.lastRequest()?.query).toEqual({ "api-version": "2024-10-21" });
    const embeddings = await post(
      "/openai/deployments/emb/embeddings?api-version=2024-10-21",
      { input: "x" },
      { "api-key": AZURE_KEY },
    );
    expect(((await embeddings.json()) as EmbeddingList).model).toBe("emb");
  });
});

describe("official OpenAI SDK against the mock", () => {
  const client = () => new OpenAI({ apiKey: DEFAULT_MOCK_API_KEY, baseURL: `${mock.url}/v1`, maxRetries: 0 });

  it("parses completions, streams, base64 embeddings and errors", async () => {
    const messages = [{ role: "user" as const, content: "hi there" }];
    const completion = await client().chat.completions.create({ model: "gpt-4o-mini", messages });
    expect(completion.choices[0]?.message.content).toBe("Echo: hi there ✓");

    let streamed = "";
    const stream = await client().chat.completions.create({ model: "gpt-4o-mini", messages, stream: true });
    for await (const chunk of stream) streamed += chunk.choices[0]?.delta.content ?? "";
    expect(streamed).toBe("Echo: hi there ✓");

    const embedding = await client().embeddings.create({ model: "text-embedding-3-small", input: "hi" });
    expect(mock.lastRequest()?.body).toMatchObject({ encoding_format: "base64" });
    expect(embedding.data[0]?.embedding).toEqual(mockEmbedding("hi"));

    await expect(client().chat.completions.create({ model: "mock-error-429", messages })).rejects.toMatchObject({
      status: 429,
      code: "rate_limit_exceeded",
    });
    const failing = await client().chat.completions.create({ model: "mock-stream-error", messages, stream: true });
    await expect(async () => {
      for await (const _chunk of failing) {
        // drain
      }
    }).rejects.toThrow(/server had an error/);
  });
});
