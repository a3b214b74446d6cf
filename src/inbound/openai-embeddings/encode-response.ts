import type { EmbeddingResponse } from "../../contract/embedding.js";

/** Encodes embeddings in OpenAI's list shape, as floats or as base64 of little-endian float32. */
export function encodeOpenAIEmbeddingResponse(
  response: EmbeddingResponse,
  encodingFormat: "float" | "base64",
): Record<string, unknown> {
  return {
    object: "list",
    model: response.model,
    data: response.embeddings.map((embedding, index) => ({
      object: "embedding",
      index,
      embedding: encodingFormat === "base64" ? encodeBase64Floats(embedding) : embedding,
    })),
    usage: { prompt_tokens: response.usage?.inputTokens ?? 0, total_tokens: response.usage?.totalTokens ?? 0 },
  };
}

export function encodeBase64Floats(values: number[]): string {
  const bytes = Buffer.alloc(values.length * 4);
  for (const [index, value] of values.entries()) bytes.writeFloatLE(value, index * 4);
  return bytes.toString("base64");
}
