import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { bedrockAgainst, call } from "../../../test/support/mock-bedrock/bedrock-test-kit.js";
import { type MockBedrockUpstream, startMockBedrockUpstream } from "../../../test/support/mock-bedrock-upstream.js";
import { mockEmbedding } from "../../../test/support/mock-openai-upstream.js";
import type { EmbeddingRequest } from "../../contract/embedding.js";
import type { ProviderAdapter } from "../../contract/provider-adapter.js";

let mock: MockBedrockUpstream;
let adapter: ProviderAdapter;

beforeAll(async () => {
  mock = await startMockBedrockUpstream();
  adapter = bedrockAgainst(mock.url);
});
afterEach(() => mock.reset());
afterAll(async () => {
  await adapter.close();
  await mock.close();
});

function embeddingRequest(fields: Partial<EmbeddingRequest> = {}): EmbeddingRequest {
  return {
    model: "bedrock/x",
    input: ["hello world", "good night"],
    encodingFormat: "float",
    providerOptions: {},
    ...fields,
  };
}

function embed(request: EmbeddingRequest, model: string) {
  if (!adapter.embed) throw new Error("the Bedrock adapter should offer embeddings");
  return adapter.embed(request, call(model));
}

describe("Bedrock adapter: embeddings through InvokeModel", () => {
  it("sends Titan one signed call per input, in order", async () => {
    const result = await embed(embeddingRequest({ dimensions: 256 }), "amazon.titan-embed-text-v2:0");
    const sent = [...mock.requests].sort((a, b) => a.rawBody.localeCompare(b.rawBody));
    expect(sent.map((request) => [request.path, request.rawBody])).toEqual([
      ["/model/amazon.titan-embed-text-v2%3A0/invoke", '{"inputText":"good night","dimensions":256}'],
      ["/model/amazon.titan-embed-text-v2%3A0/invoke", '{"inputText":"hello world","dimensions":256}'],
    ]);
    expect(sent[0]?.headers["accept"]).toBe("application/json");
    expect(sent[0]?.headers["authorization"]).toMatch(/SignedHeaders=accept;content-type;host;x-amz-date,/);
    expect(result.response).toEqual({
      model: "amazon.titan-embed-text-v2:0",
      embeddings: [mockEmbedding("hello world", 256), mockEmbedding("good night", 256)],
      usage: { inputTokens: 4, outputTokens: 0, totalTokens: 4 },
    });
  });

  it("sends Cohere one batch with input_type search_document unless told otherwise", async () => {
    const result = await embed(embeddingRequest(), "cohere.embed-english-v3");
    expect(mock.requests).toHaveLength(1);
    expect(mock.lastRequest()?.body).toEqual({ input_type: "search_document", texts: ["hello world", "good night"] });
    expect(result.response.embeddings).toEqual([mockEmbedding("hello world", 1024), mockEmbedding("good night", 1024)]);
    expect(result.response.usage).toEqual({ inputTokens: 4, outputTokens: 0, totalTokens: 4 });

    await embed(
      embeddingRequest({ providerOptions: { bedrock: { input_type: "search_query", embedding_types: ["float"] } } }),
      "us.cohere.embed-v4:0",
    );
    expect(mock.lastRequest()?.path).toBe("/model/us.cohere.embed-v4%3A0/invoke");
    expect(mock.lastRequest()?.body).toEqual({
      input_type: "search_query",
      embedding_types: ["float"],
      texts: ["hello world", "good night"],
    });
  });

  it.each([
    {
      name: "a model of another family",
      model: "amazon.nova-2-multimodal-embeddings-v1:0",
      fields: {},
      param: "model",
    },
    { name: "token arrays", model: "amazon.titan-embed-text-v2:0", fields: { input: [[1, 2, 3]] }, param: "input" },
  ])("refuses $name before calling Bedrock", async ({ model, fields, param }) => {
    await expect(embed(embeddingRequest(fields), model)).rejects.toMatchObject({
      code: "unsupported_feature",
      status: 400,
      param,
    });
    expect(mock.requests).toHaveLength(0);
  });

  it("passes on Bedrock's validation error", async () => {
    await expect(embed(embeddingRequest({ dimensions: 100 }), "amazon.titan-embed-text-v2:0")).rejects.toMatchObject({
      code: "upstream_error",
      status: 400,
      upstream: { code: "ValidationException" },
    });
  });
});
