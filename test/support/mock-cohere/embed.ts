// `POST /v2/embed` (providers.md 6.1): deterministic unit vectors per text, embeddings by type.
import { randomUUID } from "node:crypto";
import { mockEmbedding } from "../mock-openai/embeddings.js";
import { countWords, type JsonObject } from "../mock-openai/wire.js";

const DEFAULT_DIMENSIONS = 8;

/** Call after embedRequestProblem has passed. */
export function cohereEmbedResponse(body: JsonObject): JsonObject {
  const texts = body["texts"] as string[];
  const requested = body["output_dimension"];
  const dimensions = typeof requested === "number" && requested > 0 ? requested : DEFAULT_DIMENSIONS;
  const types = (body["embedding_types"] as unknown[]).filter((type): type is string => typeof type === "string");
  const embeddings: JsonObject = {};
  for (const type of types) {
    // Only float is modelled; other types get the same numbers so their presence can be checked.
    embeddings[type] = texts.map((text) => mockEmbedding(text, dimensions));
  }
  const inputTokens = texts.reduce((sum, text) => sum + Math.max(1, countWords(text)), 0);
  return {
    id: randomUUID(),
    texts,
    embeddings,
    meta: { api_version: { version: "2" }, billed_units: { input_tokens: inputTokens } },
    response_type: "embeddings_by_type",
  };
}
