// InvokeModel for the embedding models: Titan Text Embeddings (one inputText per call) and Cohere
// Embed (a batch of texts with an input_type). Vectors are the OpenAI mock's deterministic ones.
import { randomUUID } from "node:crypto";
import { mockEmbedding } from "../mock-openai/embeddings.js";
import { countWords, type JsonObject } from "../mock-openai/wire.js";
import { type BedrockErrorReply, malformedInput, validation } from "./errors.js";

export interface InvokeAnswer {
  body: JsonObject;
  inputTokens: number;
}

const TITAN_V2_DIMENSIONS = [256, 512, 1024];
const COHERE_INPUT_TYPES = ["search_document", "search_query", "classification", "clustering"];
const COHERE_MAX_TEXTS = 96;
const COHERE_DIMENSIONS = 1024;

function tokens(text: string): number {
  return Math.max(1, countWords(text));
}

function titan(body: JsonObject, modelId: string): InvokeAnswer | BedrockErrorReply {
  const text = body["inputText"];
  if (typeof text !== "string") return malformedInput("#: required key [inputText] not found");
  const isV2 = modelId.includes("titan-embed-text-v2");
  const dimensions = body["dimensions"];
  if (dimensions !== undefined && !isV2) return malformedInput("#: extraneous key [dimensions] is not permitted");
  if (dimensions !== undefined && !TITAN_V2_DIMENSIONS.includes(dimensions as number)) {
    return malformedInput(`#/dimensions: ${JSON.stringify(dimensions)} is not a valid enum value`);
  }
  const embedding = mockEmbedding(text, (dimensions as number | undefined) ?? (isV2 ? 1024 : 1536));
  const inputTokens = tokens(text);
  return {
    body: { embedding, inputTextTokenCount: inputTokens, ...(isV2 ? { embeddingsByType: { float: embedding } } : {}) },
    inputTokens,
  };
}

function cohere(body: JsonObject): InvokeAnswer | BedrockErrorReply {
  const texts = body["texts"];
  if (!Array.isArray(texts) || !texts.every((text) => typeof text === "string")) {
    return malformedInput("#: required key [texts] not found");
  }
  if (texts.length > COHERE_MAX_TEXTS) {
    return malformedInput(`#/texts: expected maximum item count: ${COHERE_MAX_TEXTS}, found: ${texts.length}`);
  }
  const inputType = body["input_type"];
  if (inputType === undefined) return malformedInput("#: required key [input_type] not found");
  if (!COHERE_INPUT_TYPES.includes(String(inputType))) {
    return malformedInput(`#/input_type: ${JSON.stringify(inputType)} is not a valid enum value`);
  }
  const vectors = (texts as string[]).map((text) => mockEmbedding(text, COHERE_DIMENSIONS));
  const byType = Array.isArray(body["embedding_types"]);
  return {
    body: {
      id: randomUUID(),
      texts,
      embeddings: byType ? { float: vectors } : vectors,
      response_type: byType ? "embeddings_by_type" : "embeddings_floats",
    },
    inputTokens: (texts as string[]).reduce((sum, text) => sum + tokens(text), 0),
  };
}

/** The answer InvokeModel gives for an embedding model, or its ValidationException. */
export function invokeEmbedding(body: JsonObject, modelId: string): InvokeAnswer | BedrockErrorReply {
  if (/(^|[./])amazon\.titan-embed/.test(modelId)) return titan(body, modelId);
  if (/(^|[./])cohere\.embed/.test(modelId)) return cohere(body);
  return validation("The provided model identifier is invalid.");
}
