// `POST /api/embed` (providers.md 6.3): deterministic unit vectors per input.
import { mockEmbedding } from "../mock-openai/embeddings.js";
import { countWords, type JsonObject } from "../mock-openai/wire.js";

const DEFAULT_DIMENSIONS = 8;

export function ollamaEmbedResponse(body: JsonObject, model: string, inputs: string[]): JsonObject {
  const requested = body["dimensions"];
  const dimensions = typeof requested === "number" && requested > 0 ? requested : DEFAULT_DIMENSIONS;
  return {
    model,
    embeddings: inputs.map((input) => mockEmbedding(input, dimensions)),
    total_duration: 14143917,
    load_duration: 1019500,
    prompt_eval_count: inputs.reduce((sum, input) => sum + Math.max(1, countWords(input)), 0),
  };
}
