import { execFile } from "node:child_process";
import { resolve } from "node:path";
import { promisify } from "node:util";
import Anthropic from "@anthropic-ai/sdk";
import OpenAI from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  DEFAULT_MOCK_API_KEY,
  type MockOpenAIUpstream,
  startMockOpenAIUpstream,
} from "../support/mock-openai-upstream.js";
import { type GatewayProcess, startGateway } from "../support/start-gateway.js";

// The exact cache (built-in plugin `cache`, memory backend) in the built gateway, in front of the OpenAI mock.
let mock: MockOpenAIUpstream;
let gateway: GatewayProcess;
let openai: OpenAI;
const masterKey = "admin-key-for-cache-tests";

beforeAll(async () => {
  mock = await startMockOpenAIUpstream();
  gateway = await startGateway({
    admin: { masterKey },
    providers: { upstream: { type: "openai", baseUrl: `${mock.url}/v1`, apiKey: DEFAULT_MOCK_API_KEY } },
    models: {
      smart: { targets: [{ provider: "upstream", model: "gpt-4o-mini" }] },
      "smart-copy": { targets: [{ provider: "upstream", model: "gpt-4o-mini" }] },
      slow: {
        targets: [{ provider: "upstream", model: "mock-slow-first-byte", headers: { "x-mock-delay-ms": "400" } }],
      },
    },
    plugins: [{ use: "cache", with: { ttl: 3600, policy: { maxTemperature: 1 } } }],
  });
  openai = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: "unused", maxRetries: 0 });
});

afterAll(async () => {
  await gateway?.stop();
  await mock?.close();
});

beforeEach(() => mock.reset());

type Body = Record<string, unknown>;

let counter = 0;
/** A question no other test asks, so tests do not share entries. */
const unique = (text: string) => `${text} #${++counter}-${Date.now()}`;

async function chat(body: Body, headers: Record<string, string> = {}) {
  const response = await fetch(`${gateway.url}/v1/chat/completions`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Body };
}

/** What a cached answer must repeat: the upstream's bytes are re-encoded, so optional zero fields may differ. */
function essentials(body: Body) {
  const choices = body.choices as Array<{ message: { content: string }; finish_reason: string }>;
  return {
    id: body.id,
    model: body.model,
    created: body.created,
    content: choices.map((choice) => [choice.message.content, choice.finish_reason]),
    totalTokens: (body.usage as { total_tokens: number }).total_tokens,
  };
}

const chatUpstreamCalls = () => mock.requests.filter((request) => request.path === "/v1/chat/completions").length;
const question = (text: string, extra: Body = {}): Body => ({
  model: "smart",
  messages: [
    { role: "system", content: "Be brief." },
    { role: "user", content: text },
  ],
  ...extra,
});

describe("exact cache", () => {
  it("answers the second identical request from the cache, with the same body and a tiny gateway time", async () => {
    const body = question(unique("What is the capital of France?"));
    const first = await chat(body);
    expect(first.headers.get("x-switchyard-cache")).toBe("miss");
    const second = await chat(body);
    expect(second.headers.get("x-switchyard-cache")).toBe("hit");
    expect(second.headers.get("x-switchyard-cache-key")).toBe(first.headers.get("x-switchyard-cache-key"));
    expect(essentials(second.body)).toEqual(essentials(first.body));
    expect(chatUpstreamCalls()).toBe(1);
    expect(second.headers.get("server-timing")).toMatch(/^gateway;dur=\d+\.\d+$/);
  });

  it("never serves an answer across a different model, system prompt, tool list, temperature or earlier turn", async () => {
    const text = unique("Tell me about Lyon");
    const base = question(text, { temperature: 0 });
    await chat(base);
    const variants: Body[] = [
      { ...base, model: "smart-copy" },
      {
        ...base,
        messages: [
          { role: "system", content: "Be verbose." },
          { role: "user", content: text },
        ],
      },
      { ...base, tools: [{ type: "function", function: { name: "lookup", parameters: { type: "object" } } }] },
      { ...base, temperature: 0.5 },
      {
        ...base,
        messages: [
          { role: "system", content: "Be brief." },
          { role: "user", content: "Hi" },
          { role: "assistant", content: "Hello" },
          { role: "user", content: text },
        ],
      },
    ];
    for (const variant of variants) {
      const result = await chat(variant);
      expect(result.headers.get("x-switchyard-cache")).toBe("miss");
    }
    expect(chatUpstreamCalls()).toBe(1 + variants.length);
    expect((await chat(base)).headers.get("x-switchyard-cache")).toBe("hit");
  });

  it("ignores stream, user and metadata in the key", async () => {
    const body = question(unique("Ignored fields"));
    await chat(body);
    const again = await chat({ ...body, user: "someone-else", metadata: { team: "blue" }, store: true });
    expect(again.headers.get("x-switchyard-cache")).toBe("hit");
  });

  it("replays a cached answer as a stream the openai client assembles to the original text", async () => {
    const text = unique("Stream me the cached answer");
    const plain = await openai.chat.completions.create({ model: "smart", messages: [{ role: "user", content: text }] });
    const stream = await openai.chat.completions
      .create({
        model: "smart",
        messages: [{ role: "user", content: text }],
        stream: true,
        stream_options: { include_usage: true },
      })
      .withResponse();
    expect(stream.response.headers.get("x-switchyard-cache")).toBe("hit");
    let streamed = "";
    let usage: OpenAI.CompletionUsage | undefined | null;
    for await (const chunk of stream.data) {
      streamed += chunk.choices[0]?.delta.content ?? "";
      usage = chunk.usage ?? usage;
    }
    expect(streamed).toBe(plain.choices[0]?.message.content);
    expect(usage?.total_tokens).toBe(plain.usage?.total_tokens);
    expect(chatUpstreamCalls()).toBe(1);
  });

  it("stores a streamed miss once it completes, and the Anthropic client gets it replayed as events", async () => {
    const text = unique("Stream first");
    let streamed = "";
    const stream = await openai.chat.completions.create({
      model: "smart",
      messages: [{ role: "user", content: text }],
      stream: true,
    });
    for await (const chunk of stream) streamed += chunk.choices[0]?.delta.content ?? "";
    await new Promise((resolveWait) => setTimeout(resolveWait, 50));
    const plain = await chat({ model: "smart", messages: [{ role: "user", content: text }] });
    expect(plain.headers.get("x-switchyard-cache")).toBe("hit");
    expect((plain.body.choices as Array<{ message: { content: string } }>)[0]?.message.content).toBe(streamed);

    const anthropic = new Anthropic({ baseURL: gateway.url, apiKey: "unused", maxRetries: 0 });
    const message = await anthropic.messages
      .stream({ model: "smart", max_tokens: 4096, messages: [{ role: "user", content: text }] })
      .finalMessage();
    const answer = message.content.map((block) => (block.type === "text" ? block.text : "")).join("");
    expect(answer).toBe(streamed);
  });

  it("sends 20 identical concurrent requests upstream once, and all 20 get the answer", async () => {
    const body = { model: "slow", messages: [{ role: "user", content: unique("Burst") }] };
    const results = await Promise.all(Array.from({ length: 20 }, () => chat(body)));
    expect(chatUpstreamCalls()).toBe(1);
    const answers = new Set(results.map((result) => JSON.stringify(essentials(result.body))));
    expect(answers.size).toBe(1);
    expect(results.every((result) => result.status === 200)).toBe(true);
    expect(results.filter((result) => result.headers.get("x-switchyard-cache") === "miss")).toHaveLength(1);
  });

  it("coalesces concurrent streamed requests too", async () => {
    const text = unique("Streamed burst");
    const streams = await Promise.all(
      Array.from({ length: 5 }, async () => {
        const stream = await openai.chat.completions.create({
          model: "slow",
          messages: [{ role: "user", content: text }],
          stream: true,
        });
        let streamed = "";
        for await (const chunk of stream) streamed += chunk.choices[0]?.delta.content ?? "";
        return streamed;
      }),
    );
    expect(chatUpstreamCalls()).toBe(1);
    expect(new Set(streams).size).toBe(1);
    expect(streams[0]).toContain("Streamed burst");
  });

  it("follows the control headers: no-cache bypasses, no-store does not store, refresh overwrites", async () => {
    const body = question(unique("Control"));
    expect((await chat(body, { "x-switchyard-cache": "no-store" })).headers.get("x-switchyard-cache")).toBe("miss");
    expect((await chat(body, { "x-switchyard-cache": "no-cache" })).headers.get("x-switchyard-cache")).toBe("bypass");
    expect(chatUpstreamCalls()).toBe(2);
    await chat(body);
    expect((await chat(body, { "x-switchyard-cache": "no-store" })).headers.get("x-switchyard-cache")).toBe("hit");
    expect((await chat(body, { "x-switchyard-cache": "refresh" })).headers.get("x-switchyard-cache")).toBe("miss");
    expect(chatUpstreamCalls()).toBe(4);
    expect((await chat(body)).headers.get("x-switchyard-cache")).toBe("hit");
  });

  it("expires an entry after the TTL the x-switchyard-cache-ttl header sets", async () => {
    const body = question(unique("Short-lived"));
    await chat(body, { "x-switchyard-cache-ttl": "1" });
    expect((await chat(body)).headers.get("x-switchyard-cache")).toBe("hit");
    await new Promise((resolveWait) => setTimeout(resolveWait, 1_100));
    expect((await chat(body)).headers.get("x-switchyard-cache")).toBe("miss");
  });

  it("bypasses n > 1 and temperatures above the policy's bound, and never stores errors", async () => {
    expect((await chat(question(unique("n"), { n: 2 }))).headers.get("x-switchyard-cache")).toBe("bypass");
    expect((await chat(question(unique("hot"), { temperature: 1.5 }))).headers.get("x-switchyard-cache")).toBe(
      "bypass",
    );
    const failing = { model: "upstream/mock-error-400", messages: [{ role: "user", content: unique("fail") }] };
    const first = await chat(failing);
    expect(first.status).toBe(400);
    expect(first.headers.get("x-switchyard-cache")).toBe("miss");
    const callsAfterFirst = chatUpstreamCalls();
    expect((await chat(failing)).status).toBe(400);
    expect(chatUpstreamCalls()).toBeGreaterThan(callsAfterFirst);
  });

  it("caches embeddings whatever the encoding asked for", async () => {
    const embed = async (encoding: string) => {
      const response = await fetch(`${gateway.url}/v1/embeddings`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          model: "upstream/text-embedding-3-small",
          input: ["cache me"],
          encoding_format: encoding,
        }),
      });
      return { header: response.headers.get("x-switchyard-cache"), body: (await response.json()) as Body };
    };
    const first = await embed("float");
    const second = await embed("float");
    const base64 = await embed("base64");
    expect([first.header, second.header, base64.header]).toEqual(["miss", "hit", "hit"]);
    expect(second.body).toEqual(first.body);
    expect(typeof (base64.body.data as Array<{ embedding: unknown }>)[0]?.embedding).toBe("string");
    expect(mock.requests.filter((request) => request.path === "/v1/embeddings")).toHaveLength(1);
  });

  it("purges one entry through the admin API and everything through the CLI", async () => {
    const body = question(unique("Purge me"));
    const stored = await chat(body);
    const key = stored.headers.get("x-switchyard-cache-key") ?? "";
    const purge = await fetch(`${gateway.url}/admin/cache/purge`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${masterKey}` },
      body: JSON.stringify({ key }),
    });
    expect(purge.status).toBe(200);
    expect(((await purge.json()) as { removed: number }).removed).toBe(1);
    expect((await chat(body)).headers.get("x-switchyard-cache")).toBe("miss");

    const cli = resolve(import.meta.dirname, "../../dist/cli/index.js");
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [cli, "cache", "purge", "--url", gateway.url, "--namespace", "anonymous"],
      { env: { ...process.env, SWITCHYARD_MASTER_KEY: masterKey } },
    );
    expect(stdout).toMatch(/^purged [1-9]\d* entr(y|ies)\n$/);
    expect((await chat(body)).headers.get("x-switchyard-cache")).toBe("miss");

    const refused = await fetch(`${gateway.url}/admin/cache/purge`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    expect(refused.status).toBe(401);
  });
});
