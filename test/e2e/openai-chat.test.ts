import OpenAI from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  DEFAULT_MOCK_API_KEY,
  type MockOpenAIUpstream,
  startMockOpenAIUpstream,
} from "../support/mock-openai-upstream.js";
import { type GatewayProcess, startGateway } from "../support/start-gateway.js";

let mock: MockOpenAIUpstream;
let gateway: GatewayProcess;
let client: OpenAI;

beforeAll(async () => {
  mock = await startMockOpenAIUpstream();
  gateway = await startGateway({
    providers: {
      upstream: { type: "openai", baseUrl: `${mock.url}/v1`, apiKey: DEFAULT_MOCK_API_KEY, models: ["gpt-4o-mini"] },
    },
    models: {
      smart: { targets: [{ provider: "upstream", model: "gpt-4o-mini" }] },
    },
  });
  client = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: "unused-by-the-gateway", maxRetries: 0 });
});

afterAll(async () => {
  await gateway?.stop();
  await mock?.close();
});

beforeEach(() => mock.reset());

describe("chat completions through the gateway with the official openai client", () => {
  it("answers a plain request and sends the upstream the translated model with the provider's key", async () => {
    const completion = await client.chat.completions.create({
      model: "smart",
      messages: [
        { role: "system", content: "Be brief." },
        { role: "user", content: "Hello there" },
      ],
      temperature: 0.2,
      max_completion_tokens: 50,
    });
    expect(completion.choices[0]?.message.content).toBe("Echo: Hello there ✓");
    expect(completion.usage?.total_tokens).toBeGreaterThan(0);
    const upstream = mock.lastRequest();
    expect(upstream?.path).toBe("/v1/chat/completions");
    expect(upstream?.headers.authorization).toBe(`Bearer ${DEFAULT_MOCK_API_KEY}`);
    expect(upstream?.body).toEqual({
      model: "gpt-4o-mini",
      messages: [
        { role: "system", content: "Be brief." },
        { role: "user", content: "Hello there" },
      ],
      temperature: 0.2,
      max_completion_tokens: 50,
    });
  });

  it("accepts provider/model names and keeps fields it has no canonical meaning for", async () => {
    const completion = await client.chat.completions.create({
      model: "upstream/gpt-4o-mini",
      messages: [
        { role: "developer", content: "Terse." },
        { role: "user", content: "Hi" },
      ],
      service_tier: "flex",
      n: 2,
      logprobs: true,
      top_logprobs: 1,
      response_format: { type: "json_object" },
    });
    expect(completion.choices).toHaveLength(2);
    expect(completion.choices[0]?.logprobs?.content?.length).toBeGreaterThan(0);
    expect(JSON.parse(completion.choices[0]?.message.content ?? "")).toEqual({ echo: "Hi" });
    expect(mock.lastRequest()?.body).toMatchObject({
      model: "gpt-4o-mini",
      service_tier: "flex",
      n: 2,
      logprobs: true,
      top_logprobs: 1,
      response_format: { type: "json_object" },
      messages: [
        { role: "developer", content: "Terse." },
        { role: "user", content: "Hi" },
      ],
    });
  });

  it("passes images through", async () => {
    await client.chat.completions.create({
      model: "smart",
      messages: [
        {
          role: "user",
          content: [
            { type: "text", text: "What is this?" },
            { type: "image_url", image_url: { url: "data:image/png;base64,iVBORw0KGgo=", detail: "low" } },
          ],
        },
      ],
    });
    expect(mock.lastRequest()?.body).toMatchObject({
      messages: [
        {
          role: "user",
          content: [
            { type: "text", text: "What is this?" },
            { type: "image_url", image_url: { url: "data:image/png;base64,iVBORw0KGgo=", detail: "low" } },
          ],
        },
      ],
    });
  });

  it("streams, with usage only when the client asks for it, and asks the upstream for usage", async () => {
    const withUsage = await client.chat.completions.create({
      model: "smart",
      messages: [{ role: "user", content: "Stream me" }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = "";
    let usageChunks = 0;
    for await (const chunk of withUsage) {
      text += chunk.choices[0]?.delta.content ?? "";
      if (chunk.usage) usageChunks++;
    }
    expect(text).toBe("Echo: Stream me ✓");
    expect(usageChunks).toBe(1);

    const withoutUsage = await client.chat.completions.create({
      model: "smart",
      messages: [{ role: "user", content: "Stream me" }],
      stream: true,
    });
    let plainText = "";
    let sawUsage = false;
    for await (const chunk of withoutUsage) {
      plainText += chunk.choices[0]?.delta.content ?? "";
      if (chunk.usage) sawUsage = true;
    }
    expect(plainText).toBe(text);
    expect(sawUsage).toBe(false);
    expect(mock.lastRequest()?.body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
  });

  it("returns tool calls, streamed and not, and carries the tool result back", async () => {
    const tools: OpenAI.Chat.Completions.ChatCompletionTool[] = [
      {
        type: "function",
        function: { name: "get_weather", parameters: { type: "object", properties: { city: { type: "string" } } } },
      },
      { type: "function", function: { name: "get_time", parameters: { type: "object", properties: {} } } },
    ];
    const completion = await client.chat.completions.create({
      model: "smart",
      messages: [{ role: "user", content: "Weather?" }],
      tools,
      tool_choice: "auto",
    });
    const calls = completion.choices[0]?.message.tool_calls ?? [];
    expect(completion.choices[0]?.finish_reason).toBe("tool_calls");
    expect(calls.map((call) => call.type === "function" && call.function.name)).toEqual(["get_weather", "get_time"]);

    const stream = client.chat.completions.stream({
      model: "smart",
      messages: [{ role: "user", content: "Weather?" }],
      tools,
    });
    const streamed = await stream.finalChatCompletion();
    expect(streamed.choices[0]?.message.tool_calls).toEqual(calls);

    const first = calls[0];
    if (first?.type !== "function") throw new Error("expected a function call");
    const answer = await client.chat.completions.create({
      model: "smart",
      tools,
      messages: [
        { role: "user", content: "Weather?" },
        { role: "assistant", content: null, tool_calls: [first] },
        { role: "tool", tool_call_id: first.id, content: "21 degrees" },
      ],
    });
    expect(answer.choices[0]?.message.content).toContain("21 degrees");
    expect(mock.lastRequest()?.body).toMatchObject({
      messages: [
        { role: "user", content: "Weather?" },
        { role: "assistant", content: null, tool_calls: [first] },
        { role: "tool", tool_call_id: first.id, content: "21 degrees" },
      ],
    });
  });

  it("serves embeddings in the client's encoding and lists models", async () => {
    const embedding = await client.embeddings.create({
      model: "upstream/text-embedding-3-small",
      input: ["one", "two"],
    });
    expect(embedding.data).toHaveLength(2);
    expect(embedding.data[0]?.embedding.length).toBe(8);
    expect(mock.lastRequest()?.body).toMatchObject({ model: "text-embedding-3-small", input: ["one", "two"] });

    const models = await client.models.list();
    expect(models.data.map((model) => model.id)).toEqual(["smart", "upstream/gpt-4o-mini"]);
  });

  it("keeps a client's x-request-id and reports the gateway's own time apart from the upstream's", async () => {
    const response = await fetch(`${gateway.url}/v1/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-request-id": "trace-123" },
      body: JSON.stringify({ model: "smart", messages: [{ role: "user", content: "hi" }] }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("x-request-id")).toBe("trace-123");
    expect(response.headers.get("server-timing")).toMatch(
      /^gateway;dur=\d+\.\d+, upstream;dur=\d+\.\d+;desc="upstream"$/,
    );
    expect(response.headers.get("x-switchyard-provider")).toBe("upstream");
    expect(response.headers.get("x-switchyard-model")).toBe("gpt-4o-mini");
    // A generated id is a UUIDv7: it starts with the time, so later requests sort after earlier ones.
    const generated = await fetch(`${gateway.url}/healthz`);
    const generatedId = generated.headers.get("x-request-id") ?? "";
    expect(generatedId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    // Ids made within the same millisecond order by their random part, so the next request is
    // sent once the clock (the gateway's too: same machine) has passed the first id's millisecond.
    const generatedAtMs = Number.parseInt(generatedId.slice(0, 8) + generatedId.slice(9, 13), 16);
    while (Date.now() <= generatedAtMs) await new Promise((resolve) => setTimeout(resolve, 1));
    const later = (await fetch(`${gateway.url}/healthz`)).headers.get("x-request-id") ?? "";
    expect(later > generatedId).toBe(true);
  });
});
