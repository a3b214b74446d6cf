import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_MOCK_API_KEY, type MockOpenAIUpstream, startMockOpenAIUpstream } from "./mock-openai-upstream.js";

let upstream: MockOpenAIUpstream;

beforeAll(async () => {
  upstream = await startMockOpenAIUpstream();
});

afterAll(async () => {
  await upstream.close();
});

async function embed(input: string[], dimensions?: number): Promise<number[][]> {
  const response = await fetch(`${upstream.url}/v1/embeddings`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${DEFAULT_MOCK_API_KEY}` },
    body: JSON.stringify({ model: "mock-bag-of-words", input, ...(dimensions ? { dimensions } : {}) }),
  });
  expect(response.status).toBe(200);
  const body = (await response.json()) as { data: Array<{ embedding: number[] }> };
  return body.data.map((item) => item.embedding);
}

const cosine = (a: number[], b: number[]) => a.reduce((sum, value, index) => sum + value * (b[index] ?? 0), 0);

describe("mock-bag-of-words embedding model", () => {
  it("gives unit vectors of 64 dimensions by default, and the requested dimensions", async () => {
    const [vector] = await embed(["How tall is the Eiffel tower?"]);
    expect(vector).toHaveLength(64);
    expect(cosine(vector ?? [], vector ?? [])).toBeCloseTo(1, 5);
    const [wide] = await embed(["hello"], 128);
    expect(wide).toHaveLength(128);
  });

  it("scores texts with shared words close, word order and case aside, and unrelated texts low", async () => {
    const [question, paraphrase, reordered, unrelated] = await embed([
      "How tall is the Eiffel tower in Paris?",
      "how tall is the eiffel tower",
      "Paris: the Eiffel tower, how tall is it?",
      "Recipe for banana bread with walnuts",
    ]);
    expect(cosine(question ?? [], paraphrase ?? [])).toBeGreaterThan(0.85);
    expect(cosine(question ?? [], reordered ?? [])).toBeGreaterThan(0.85);
    expect(cosine(question ?? [], unrelated ?? [])).toBeLessThan(0.4);
  });

  it("is deterministic", async () => {
    const [first] = await embed(["same words"]);
    const [second] = await embed(["same words"]);
    expect(first).toEqual(second);
  });
});
