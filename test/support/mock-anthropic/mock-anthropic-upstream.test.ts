import Anthropic from "@anthropic-ai/sdk";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  DEFAULT_MOCK_ANTHROPIC_API_KEY,
  type MockAnthropicUpstream,
  startMockAnthropicUpstream,
} from "../mock-anthropic-upstream.js";
import { planMessageReply } from "./message-reply.js";
import { messageStreamSteps } from "./message-stream.js";
import { PromptCache } from "./prompt-cache.js";

let mock: MockAnthropicUpstream;
let client: Anthropic;

beforeAll(async () => {
  mock = await startMockAnthropicUpstream();
  client = new Anthropic({ apiKey: DEFAULT_MOCK_ANTHROPIC_API_KEY, baseURL: mock.url, maxRetries: 0 });
});
afterEach(() => mock.reset());
afterAll(() => mock.close());

const HELLO = [{ role: "user" as const, content: "hello world" }];
const WEATHER_TOOL = { name: "get_weather", input_schema: { type: "object" as const, properties: {} } };

function post(body: unknown, headers: Record<string, string> = {}, path = "/v1/messages") {
  return fetch(`${mock.url}${path}`, {
    method: "POST",
    headers: {
      "x-api-key": DEFAULT_MOCK_ANTHROPIC_API_KEY,
      "anthropic-version": "2023-06-01",
      "content-type": "application/json",
      ...headers,
    },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

interface SseEvent {
  event: string;
  data: { type: string; [key: string]: unknown };
}

/** Strict Anthropic framing: every block is `event: <type>\ndata: <json>\n\n` with matching type. */
function sseEvents(text: string): SseEvent[] {
  const blocks = text.split("\n\n");
  expect(blocks.pop()).toBe("");
  return blocks.map((block) => {
    const match = /^event: ([a-z_]+)\ndata: (.*)$/s.exec(block);
    expect(match, block).not.toBeNull();
    const data = JSON.parse(match?.[2] ?? "") as SseEvent["data"];
    expect(data.type).toBe(match?.[1]);
    return { event: match?.[1] ?? "", data };
  });
}

function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

describe("auth and routing", () => {
  it.each([
    ["a missing key", {}, "x-api-key header is required"],
    ["a wrong key", { "x-api-key": "sk-ant-wrong" }, "invalid x-api-key"],
  ])("rejects %s with Anthropic's 401 authentication_error", async (_name, headers, message) => {
    const response = await fetch(`${mock.url}/v1/messages`, {
      method: "POST",
      headers: { "anthropic-version": "2023-06-01", "content-type": "application/json", ...headers },
      body: JSON.stringify({ model: "claude-haiku-4-5", max_tokens: 10, messages: HELLO }),
    });
    expect(response.status).toBe(401);
    const requestId = response.headers.get("request-id");
    expect(requestId).toMatch(/^req_011C[A-Za-z0-9]{20}$/);
    expect(await response.json()).toEqual({
      type: "error",
      error: { type: "authentication_error", message },
      request_id: requestId,
    });
  });

  it("is understood by the official SDK as an AuthenticationError", async () => {
    const wrong = new Anthropic({ apiKey: "sk-ant-wrong", baseURL: mock.url, maxRetries: 0 });
    const failure = await wrong.messages
      .create({ model: "claude-haiku-4-5", max_tokens: 10, messages: HELLO })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Anthropic.AuthenticationError);
    expect(failure).toMatchObject({ status: 401, type: "authentication_error", requestID: expect.any(String) });
  });

  it("requires anthropic-version, answers unknown paths with 404 and lists models", async () => {
    const noVersion = await post({}, { "anthropic-version": "" });
    expect(noVersion.status).toBe(400);
    expect(((await noVersion.json()) as { error: { message: string } }).error.message).toBe(
      "anthropic-version: header is required",
    );
    const unknown = await post({}, {}, "/v1/complete-me");
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { type: string } }).error.type).toBe("not_found_error");
    const models = await client.models.list();
    expect(models.data[0]).toMatchObject({ type: "model", id: "claude-sonnet-4-5-20250929" });
  });
});

describe("request checks the real API makes", () => {
  const base = { model: "claude-haiku-4-5", max_tokens: 100 };
  const toolTurn = {
    role: "assistant",
    content: [{ type: "tool_use", id: "toolu_01", name: "get_weather", input: {} }],
  };
  it.each([
    ["no max_tokens", { model: "claude-haiku-4-5", messages: HELLO }, "max_tokens: Field required"],
    ["an OpenAI-only field", { ...base, messages: HELLO, n: 2 }, "n: Extra inputs are not permitted"],
    ["temperature above 1", { ...base, messages: HELLO, temperature: 1.5 }, "temperature: Input should be less"],
    [
      "a system role in messages",
      { ...base, messages: [{ role: "system", content: "x" }] },
      'Unexpected role "system"',
    ],
    [
      "an assistant first turn",
      { ...base, messages: [{ role: "assistant", content: "hi" }, ...HELLO] },
      "first message",
    ],
    ["two user turns in a row", { ...base, messages: [...HELLO, ...HELLO] }, 'multiple "user" roles in a row'],
    ["an empty user turn", { ...base, messages: [{ role: "user", content: "" }] }, "non-empty content"],
    [
      "an empty text block",
      { ...base, messages: [{ role: "user", content: [{ type: "text", text: "" }] }] },
      "non-empty",
    ],
    [
      "a tool_use without its result",
      { ...base, messages: [...HELLO, toolTurn, { role: "user", content: "and?" }] },
      "messages.1: `tool_use` ids were found without `tool_result` blocks immediately after: toolu_01",
    ],
    [
      "a tool_result without its tool_use",
      {
        ...base,
        messages: [{ role: "user", content: [{ type: "tool_result", tool_use_id: "toolu_9", content: "x" }] }],
      },
      "unexpected `tool_use_id` found in `tool_result` blocks: toolu_9",
    ],
    [
      "text before the tool_result",
      {
        ...base,
        messages: [
          ...HELLO,
          toolTurn,
          {
            role: "user",
            content: [
              { type: "text", text: "here" },
              { type: "tool_result", tool_use_id: "toolu_01", content: "21C" },
            ],
          },
        ],
      },
      "`tool_result` blocks must come before any other content",
    ],
    [
      "a tool id with a dot",
      {
        ...base,
        messages: [
          ...HELLO,
          { role: "assistant", content: [{ type: "tool_use", id: "call.1", name: "f", input: {} }] },
        ],
      },
      "String should match pattern",
    ],
    [
      "a thinking budget at max_tokens",
      { ...base, max_tokens: 2000, thinking: { type: "enabled", budget_tokens: 2000 }, messages: HELLO },
      "`max_tokens` must be greater than `thinking.budget_tokens`",
    ],
  ])("rejects %s with 400 invalid_request_error", async (_name, body, message) => {
    const response = await post(body);
    expect(response.status).toBe(400);
    const error = (await response.json()) as { type: string; error: { type: string; message: string } };
    expect(error.type).toBe("error");
    expect(error.error.type).toBe("invalid_request_error");
    expect(error.error.message).toContain(message);
  });
});

describe("messages", () => {
  it("echoes the last user text with usage, and records the request", async () => {
    const message = await client.messages.create({
      model: "claude-haiku-4-5",
      max_tokens: 100,
      system: "Be terse.",
      messages: [
        {
          role: "user",
          content: [
            { type: "text", text: "hello" },
            { type: "text", text: "world" },
          ],
        },
      ],
    });
    expect(message).toMatchObject({
      type: "message",
      role: "assistant",
      model: "claude-haiku-4-5",
      content: [{ type: "text", text: "Echo: hello world ✓" }],
      stop_reason: "end_turn",
      stop_sequence: null,
      usage: { input_tokens: 4, output_tokens: 4, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
    });
    expect(message.id).toMatch(/^msg_01[A-Za-z0-9]{22}$/);
    const recorded = mock.lastRequest();
    expect(recorded).toMatchObject({ method: "POST", path: "/v1/messages" });
    // Newer SDKs send the key as a bearer token, which the API (and the mock) take like x-api-key.
    expect(recorded?.headers["authorization"]).toBe(`Bearer ${DEFAULT_MOCK_ANTHROPIC_API_KEY}`);
    expect(recorded?.headers["anthropic-version"]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it("stops at a stop sequence and at max_tokens", async () => {
    const stopped = await client.messages.create({
      model: "claude-haiku-4-5",
      max_tokens: 100,
      stop_sequences: ["world"],
      messages: HELLO,
    });
    expect(stopped).toMatchObject({
      content: [{ type: "text", text: "Echo: hello " }],
      stop_reason: "stop_sequence",
      stop_sequence: "world",
    });
    const cut = await client.messages.create({ model: "claude-haiku-4-5", max_tokens: 2, messages: HELLO });
    expect(cut).toMatchObject({ content: [{ type: "text", text: "Echo: hello" }], stop_reason: "max_tokens" });
  });

  it("writes the cache at a cache_control breakpoint, then reads it", async () => {
    const request = {
      model: "claude-haiku-4-5",
      max_tokens: 100,
      system: [{ type: "text" as const, text: "a long shared prefix", cache_control: { type: "ephemeral" as const } }],
      messages: HELLO,
    };
    const first = await client.messages.create(request);
    expect(first.usage).toMatchObject({
      input_tokens: 2,
      cache_creation_input_tokens: 4,
      cache_read_input_tokens: 0,
      cache_creation: { ephemeral_5m_input_tokens: 4, ephemeral_1h_input_tokens: 0 },
    });
    const second = await client.messages.create(request);
    expect(second.usage).toMatchObject({ input_tokens: 2, cache_creation_input_tokens: 0, cache_read_input_tokens: 4 });
    const counted = await client.messages.countTokens({ model: "claude-haiku-4-5", messages: HELLO });
    expect(counted).toEqual({ input_tokens: 2 });
  });

  it("calls tools with toolu_ ids after a short text, then echoes the tool result", async () => {
    const tools = [WEATHER_TOOL, { ...WEATHER_TOOL, name: "get_time" }, { ...WEATHER_TOOL, name: "unused" }];
    const call = await client.messages.create({ model: "claude-haiku-4-5", max_tokens: 100, tools, messages: HELLO });
    expect(call.stop_reason).toBe("tool_use");
    expect(call.content).toMatchObject([
      { type: "text", text: "I'll use get_weather and get_time." },
      { type: "tool_use", name: "get_weather", input: { city: "Paris" } },
      { type: "tool_use", name: "get_time", input: { city: "Paris" } },
    ]);
    const uses = call.content.filter((block) => block.type === "tool_use");
    for (const use of uses) expect(use.id).toMatch(/^toolu_01[A-Za-z0-9]{22}$/);
    const answer = await client.messages.create({
      model: "claude-haiku-4-5",
      max_tokens: 100,
      tools,
      messages: [
        ...HELLO,
        { role: "assistant", content: call.content },
        {
          role: "user",
          content: uses.map((use) => ({ type: "tool_result" as const, tool_use_id: use.id, content: "21C" })),
        },
      ],
    });
    expect(answer.content).toEqual([{ type: "text", text: "Echo: tool result 21C 21C ✓" }]);
  });

  it("answers with a signed thinking block first when thinking is enabled", async () => {
    const message = await client.messages.create({
      model: "claude-haiku-4-5",
      max_tokens: 2048,
      thinking: { type: "enabled", budget_tokens: 1024 },
      messages: HELLO,
    });
    expect(message.content).toMatchObject([
      {
        type: "thinking",
        thinking: 'The user wrote "hello world". I should echo it back.',
        signature: expect.any(String),
      },
      { type: "text", text: "Echo: hello world ✓" },
    ]);
  });
});

describe("streams", () => {
  it("sends the exact event sequence with a ping, read back by the SDK as the same message", async () => {
    const response = await post({ model: "claude-haiku-4-5", max_tokens: 100, stream: true, messages: HELLO });
    expect(response.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    const events = sseEvents(await response.text());
    expect(events.map((event) => event.event)).toEqual([
      "message_start",
      "content_block_start",
      "ping",
      ...Array(5).fill("content_block_delta"),
      "content_block_stop",
      "message_delta",
      "message_stop",
    ]);
    const text = events.map((event) => (event.data["delta"] as { text?: string } | undefined)?.text ?? "").join("");
    expect(text).toBe("Echo: hello world ✓");
    expect(events.at(-2)?.data).toEqual({
      type: "message_delta",
      delta: { stop_reason: "end_turn", stop_sequence: null },
      usage: { input_tokens: 2, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: 4 },
    });
    const final = await client.messages
      .stream({ model: "claude-haiku-4-5", max_tokens: 100, messages: HELLO })
      .finalMessage();
    expect(final).toMatchObject({ content: [{ type: "text", text: "Echo: hello world ✓" }], stop_reason: "end_turn" });
  });

  it("streams tool input as input_json_delta fragments after an empty first one", async () => {
    const response = await post({
      model: "claude-haiku-4-5",
      max_tokens: 100,
      stream: true,
      tools: [WEATHER_TOOL],
      messages: HELLO,
    });
    const events = sseEvents(await response.text());
    const toolStart = events.find(
      (event) => (event.data["content_block"] as { type?: string } | undefined)?.type === "tool_use",
    );
    expect(toolStart?.data).toMatchObject({
      index: 1,
      content_block: { type: "tool_use", name: "get_weather", input: {} },
    });
    const fragments = events
      .filter((event) => event.data["index"] === 1 && event.event === "content_block_delta")
      .map((event) => (event.data["delta"] as { partial_json: string }).partial_json);
    expect(fragments[0]).toBe("");
    expect(fragments.length).toBeGreaterThan(2);
    expect(JSON.parse(fragments.join(""))).toEqual({ city: "Paris" });
    const final = await client.messages
      .stream({ model: "claude-haiku-4-5", max_tokens: 100, tools: [WEATHER_TOOL], messages: HELLO })
      .finalMessage();
    expect(final.content[1]).toMatchObject({ type: "tool_use", input: { city: "Paris" } });
  });

  it("streams thinking with a signature_delta last", async () => {
    const final = await client.messages
      .stream({
        model: "claude-haiku-4-5",
        max_tokens: 2048,
        thinking: { type: "enabled", budget_tokens: 1024 },
        messages: HELLO,
      })
      .finalMessage();
    expect(final.content[0]).toMatchObject({
      type: "thinking",
      signature: expect.stringMatching(/^[A-Za-z0-9+/=]{64}$/),
    });
  });

  it("cuts streams into realistic writes: shared writes, a split event and a split multi-byte character", () => {
    const reply = planMessageReply(
      { model: "m", max_tokens: 100, messages: HELLO },
      "claude-haiku-4-5",
      new PromptCache(),
    );
    const writes = messageStreamSteps(reply, "claude-haiku-4-5", 0).flatMap((step) =>
      step.kind === "write" ? [step.bytes.toString("latin1")] : [],
    );
    const whole = Buffer.from(writes.join(""), "latin1");
    expect(sseEvents(whole.toString("utf8")).length).toBe(11);
    expect(writes.some((write) => write.split("event: ").length > 2)).toBe(true);
    expect(writes.some((write) => !write.endsWith("\n\n"))).toBe(true);
    expect(writes.some((write) => !isValidUtf8(Buffer.from(write, "latin1")))).toBe(true);
  });

  it("sends an overloaded error event after message_start for mock-stream-error", async () => {
    const response = await post({ model: "mock-stream-error", max_tokens: 100, stream: true, messages: HELLO });
    expect(response.status).toBe(200);
    const events = sseEvents(await response.text());
    expect(events.map((event) => event.event)).toEqual(["message_start", "error"]);
    expect(events[1]?.data).toEqual({ type: "error", error: { type: "overloaded_error", message: "Overloaded" } });
  });

  it("ends mock-truncated-stream before message_delta", async () => {
    const response = await post({ model: "mock-truncated-stream", max_tokens: 100, stream: true, messages: HELLO });
    const names = sseEvents(await response.text()).map((event) => event.event);
    expect(names).toEqual([
      "message_start",
      "content_block_start",
      "ping",
      "content_block_delta",
      "content_block_delta",
    ]);
  });
});

describe("error scenarios", () => {
  it.each([
    ["mock-error-400", 400, "invalid_request_error", undefined],
    ["mock-error-429", 429, "rate_limit_error", "1"],
    ["mock-error-500", 500, "api_error", undefined],
    ["mock-error-529", 529, "overloaded_error", undefined],
  ])("%s answers %i %s", async (model, status, type, retryAfter) => {
    const response = await post({ model, max_tokens: 10, messages: HELLO });
    expect(response.status).toBe(status);
    expect(response.headers.get("retry-after") ?? undefined).toBe(retryAfter);
    const body = (await response.json()) as { error: { type: string }; request_id: string };
    expect(body.error.type).toBe(type);
    expect(body.request_id).toBe(response.headers.get("request-id"));
  });

  it("answers mock-garbage with a body that is not JSON", async () => {
    const response = await post({ model: "mock-garbage", max_tokens: 10, messages: HELLO });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("not json {");
  });
});
