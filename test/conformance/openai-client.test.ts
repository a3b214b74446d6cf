import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type GatewayProcess, startGateway } from "../support/start-gateway.js";
import { PROVIDER_CASES, type RunningMock } from "./provider-matrix.js";

/** A 1×1 PNG as a data URL: every provider's wire form of it carries this base64. */
const PIXEL = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";
const tools: OpenAI.Chat.Completions.ChatCompletionTool[] = [
  {
    type: "function",
    function: {
      name: "get_weather",
      description: "Weather in a city",
      parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
    },
  },
];

const mocks = new Map<string, RunningMock>();
let gateway: GatewayProcess;
let client: OpenAI;

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
  client = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: "x", maxRetries: 0 });
}, 60_000);

afterAll(async () => {
  await gateway?.stop();
  await Promise.all([...mocks.values()].map((mock) => mock.close()));
});

describe.each(PROVIDER_CASES)("OpenAI client → $name", (provider) => {
  const model = `${provider.name}/${provider.model}`;
  const upstream = () => mocks.get(provider.name)?.lastRequest();

  it("answers plain text, with the provider's path, auth and model", async () => {
    const completion = await client.chat.completions.create({
      model,
      messages: [
        { role: "system", content: "Be brief." },
        { role: "user", content: "Hello there" },
      ],
      max_completion_tokens: 100,
    });
    expect(completion.choices[0]?.message.content).toContain("Hello there");
    expect(completion.choices[0]?.finish_reason).toBe("stop");
    expect(completion.usage?.prompt_tokens).toBeGreaterThan(0);
    const request = upstream();
    if (typeof provider.chatPath === "string") expect(request?.path).toBe(provider.chatPath);
    expect(provider.auth(request?.headers ?? {})).toBe(true);
    expect(request?.body).toEqual(provider.plainBody);
  });

  it("streams the same answer and usage as the plain request", async () => {
    const messages: OpenAI.Chat.Completions.ChatCompletionMessageParam[] = [{ role: "user", content: "Stream this" }];
    const plain = await client.chat.completions.create({ model, messages });
    const stream = await client.chat.completions.create({
      model,
      messages,
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = "";
    let usage: OpenAI.CompletionUsage | undefined;
    let finish: string | null | undefined;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? "";
      finish = chunk.choices[0]?.finish_reason ?? finish;
      if (chunk.usage) usage = chunk.usage;
    }
    expect(text).toBe(plain.choices[0]?.message.content);
    expect(finish).toBe("stop");
    expect(usage?.prompt_tokens).toBe(plain.usage?.prompt_tokens);
    expect(usage?.completion_tokens).toBe(plain.usage?.completion_tokens);
  });

  it("completes a tool call round trip", async () => {
    const first = await client.chat.completions.create({
      model,
      tools,
      messages: [{ role: "user", content: "Weather in Paris?" }],
    });
    const call = first.choices[0]?.message.tool_calls?.[0];
    expect(first.choices[0]?.finish_reason).toBe("tool_calls");
    if (call?.type !== "function") throw new Error("expected a function call");
    expect(call.function.name).toBe("get_weather");
    expect(JSON.parse(call.function.arguments)).toMatchObject({ city: expect.any(String) });

    const streamed = await client.chat.completions
      .stream({ model, tools, messages: [{ role: "user", content: "Weather in Paris?" }] })
      .finalChatCompletion();
    expect(streamed.choices[0]?.message.tool_calls?.[0]).toMatchObject({
      type: "function",
      function: { name: "get_weather" },
    });

    const answer = await client.chat.completions.create({
      model,
      tools,
      messages: [
        { role: "user", content: "Weather in Paris?" },
        { role: "assistant", content: null, tool_calls: first.choices[0]?.message.tool_calls },
        { role: "tool", tool_call_id: call.id, content: "21 degrees" },
      ],
    });
    expect(answer.choices[0]?.message.content).toContain("21 degrees");
    expect(JSON.stringify(upstream()?.body)).toContain("21 degrees");
  });

  it("sends an image input in the provider's form", async () => {
    const completion = await client.chat.completions.create({
      model,
      messages: [
        {
          role: "user",
          content: [
            { type: "text", text: "Describe this" },
            { type: "image_url", image_url: { url: `data:image/png;base64,${PIXEL}` } },
          ],
        },
      ],
    });
    expect(completion.choices[0]?.message.content).toContain("Describe this");
    expect(JSON.stringify(upstream()?.body)).toContain(PIXEL);
  });

  it("passes an upstream rate limit on as a 429", async () => {
    await expect(
      client.chat.completions.create({
        model: `${provider.name}/mock-error-429`,
        messages: [{ role: "user", content: "x" }],
      }),
    ).rejects.toMatchObject({ status: 429, constructor: OpenAI.RateLimitError });
  });

  it("answers malformed upstream output with a clear 502", async () => {
    await expect(
      client.chat.completions.create({
        model: `${provider.name}/mock-garbage`,
        messages: [{ role: "user", content: "x" }],
      }),
    ).rejects.toMatchObject({ status: 502 });
  });
});
