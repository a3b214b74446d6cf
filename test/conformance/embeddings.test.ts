import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type GatewayProcess, startGateway } from "../support/start-gateway.js";
import { PROVIDER_CASES, type RunningMock } from "./provider-matrix.js";

/** Embedding models per provider; Bedrock has two families with different wire shapes. */
const EMBEDDING_CASES: Array<{ provider: string; model: string; path: string | RegExp }> = [
  { provider: "openai", model: "text-embedding-3-small", path: "/v1/embeddings" },
  { provider: "azure", model: "text-embedding-3-small", path: "/openai/deployments/text-embedding-3-small/embeddings" },
  { provider: "gemini", model: "text-embedding-004", path: "/v1beta/models/text-embedding-004:batchEmbedContents" },
  { provider: "cohere", model: "embed-english-v3.0", path: "/v2/embed" },
  {
    provider: "bedrock",
    model: "amazon.titan-embed-text-v2:0",
    path: /^\/model\/amazon\.titan-embed-text-v2%3A0\/invoke$/,
  },
  { provider: "bedrock", model: "cohere.embed-english-v3", path: "/model/cohere.embed-english-v3/invoke" },
  { provider: "ollama", model: "nomic-embed-text", path: "/api/embed" },
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
  gateway = await startGateway({ providers });
  client = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: "x", maxRetries: 0 });
}, 60_000);

afterAll(async () => {
  await gateway?.stop();
  await Promise.all([...mocks.values()].map((mock) => mock.close()));
});

describe.each(EMBEDDING_CASES)("embeddings through $provider ($model)", ({ provider, model, path }) => {
  it("returns one vector per input, in order, in the client's encoding", async () => {
    const asBase64 = await client.embeddings.create({
      model: `${provider}/${model}`,
      input: ["first text", "second text"],
    });
    expect(asBase64.data.map((item) => item.index)).toEqual([0, 1]);
    expect(asBase64.data[0]?.embedding.length).toBeGreaterThan(0);
    expect(asBase64.data[0]?.embedding).not.toEqual(asBase64.data[1]?.embedding);
    const request = mocks.get(provider)?.lastRequest();
    if (typeof path === "string") expect(request?.path).toBe(path);
    else expect(request?.path).toMatch(path);

    const asFloats = await client.embeddings.create({
      model: `${provider}/${model}`,
      input: ["first text", "second text"],
      encoding_format: "float",
    });
    for (const [index, item] of asFloats.data.entries()) {
      const decoded = asBase64.data[index]?.embedding ?? [];
      for (const [position, value] of item.embedding.entries())
        expect(value).toBeCloseTo(decoded[position] ?? Number.NaN, 5);
    }
  });
});
