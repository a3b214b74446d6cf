import Anthropic from "@anthropic-ai/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type GatewayProcess, startGateway } from "../support/start-gateway.js";
import { PROVIDER_CASES, type RunningMock } from "./provider-matrix.js";

const PIXEL = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";
const tools: Anthropic.Tool[] = [
  {
    name: "get_weather",
    description: "Weather in a city",
    input_schema: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
  },
];

const mocks = new Map<string, RunningMock>();
let gateway: GatewayProcess;
let client: Anthropic;

beforeAll(async () => {
  const providers: Record<string, unknown> = {};
  for (const provider of PROVIDER_CASES) {
    const mock = await provider.start();
    mocks.set(provider.name, mock);
    providers[provider.name] = provider.config(mock);
  }
  gateway = await startGateway({
    providers,
    routing: { retry: { retries: 0, backoffMs: 0, maxBackoffMs: 0, retryAfterCapMs: 0, on: [] } },
  });
  client = new Anthropic({ baseURL: gateway.url, apiKey: "x", maxRetries: 0 });
}, 60_000);

afterAll(async () => {
  await gateway?.stop();
  await Promise.all([...mocks.values()].map((mock) => mock.close()));
});

const textOf = (message: Anthropic.Message) =>
  message.content.map((block) => (block.type === "text" ? block.text : "")).join("");

describe.each(PROVIDER_CASES)("Anthropic client → $name", (provider) => {
  const model = `${provider.name}/${provider.model}`;
  const upstream = () => mocks.get(provider.name)?.lastRequest();

  it("answers plain text, with the provider's path, auth and model", async () => {
    const message = await client.messages.create({
      model,
      max_tokens: 100,
      system: "Be brief.",
      messages: [{ role: "user", content: "Hello there" }],
    });
    expect(textOf(message)).toContain("Hello there");
    expect(message.stop_reason).toBe("end_turn");
    expect(message.usage.input_tokens).toBeGreaterThan(0);
    const request = upstream();
    if (typeof provider.chatPath === "string") expect(request?.path).toBe(provider.chatPath);
    expect(provider.auth(request?.headers ?? {})).toBe(true);
    expect(request?.body).toEqual(provider.plainBody);
  });

  it("streams the same message and usage as the plain request", async () => {
    const params = { model, max_tokens: 100, messages: [{ role: "user" as const, content: "Stream this" }] };
    const plain = await client.messages.create(params);
    const streamed = await client.messages.stream(params).finalMessage();
    expect(textOf(streamed)).toBe(textOf(plain));
    expect(streamed.stop_reason).toBe(plain.stop_reason);
    expect(streamed.usage.output_tokens).toBe(plain.usage.output_tokens);
    expect(streamed.usage.input_tokens).toBe(plain.usage.input_tokens);
  });

  it("completes a tool call round trip", async () => {
    const question = { role: "user" as const, content: "Weather in Paris?" };
    const first = await client.messages.create({ model, max_tokens: 100, tools, messages: [question] });
    expect(first.stop_reason).toBe("tool_use");
    const call = first.content.find((block): block is Anthropic.ToolUseBlock => block.type === "tool_use");
    expect(call?.name).toBe("get_weather");
    expect(call?.input).toMatchObject({ city: expect.any(String) });

    const streamed = await client.messages
      .stream({ model, max_tokens: 100, tools, messages: [question] })
      .finalMessage();
    expect(streamed.content.find((block) => block.type === "tool_use")).toMatchObject({ name: "get_weather" });

    const answer = await client.messages.create({
      model,
      max_tokens: 100,
      tools,
      messages: [
        question,
        { role: "assistant", content: first.content },
        { role: "user", content: [{ type: "tool_result", tool_use_id: call?.id ?? "", content: "21 degrees" }] },
      ],
    });
    expect(textOf(answer)).toContain("21 degrees");
    expect(JSON.stringify(upstream()?.body)).toContain("21 degrees");
  });

  it("sends an image input in the provider's form", async () => {
    const message = await client.messages.create({
      model,
      max_tokens: 100,
      messages: [
        {
          role: "user",
          content: [
            { type: "text", text: "Describe this" },
            { type: "image", source: { type: "base64", media_type: "image/png", data: PIXEL } },
          ],
        },
      ],
    });
    expect(textOf(message)).toContain("Describe this");
    expect(JSON.stringify(upstream()?.body)).toContain(PIXEL);
  });

  it("passes an upstream rate limit on as a 429", async () => {
    await expect(
      client.messages.create({
        model: `${provider.name}/mock-error-429`,
        max_tokens: 10,
        messages: [{ role: "user", content: "x" }],
      }),
    ).rejects.toMatchObject({ status: 429, constructor: Anthropic.RateLimitError });
  });

  it("answers malformed upstream output with a clear 502", async () => {
    await expect(
      client.messages.create({
        model: `${provider.name}/mock-garbage`,
        max_tokens: 10,
        messages: [{ role: "user", content: "x" }],
      }),
    ).rejects.toMatchObject({ status: 502 });
  });
});
