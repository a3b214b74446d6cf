// `POST /v1/embeddings` (providers.md 1.6): deterministic unit vectors derived from a hash of each input.
import { createHash } from "node:crypto";
import { type ErrorReply, missingParameter } from "./errors.js";
import { type Exchange, sendJson } from "./http-io.js";
import { countWords, type JsonObject } from "./wire.js";

const DEFAULT_DIMENSIONS = 8;

interface EmbeddingInput {
  /** What the vector is derived from: the text, or `tokens:1,2,3` for a token array. */
  key: string;
  tokens: number;
}

function isTokenArray(value: unknown): value is number[] {
  return Array.isArray(value) && value.length > 0 && value.every((item) => Number.isInteger(item));
}

function tokenInput(tokens: number[]): EmbeddingInput {
  return { key: `tokens:${tokens.join(",")}`, tokens: tokens.length };
}

function textInput(text: string): EmbeddingInput {
  return { key: text, tokens: Math.max(1, countWords(text)) };
}

/** string | string[] | number[] | number[][] → one entry per embedding, or undefined when invalid. */
function parseInput(input: unknown): EmbeddingInput[] | undefined {
  if (typeof input === "string") return input.length > 0 ? [textInput(input)] : undefined;
  if (isTokenArray(input)) return [tokenInput(input)];
  if (!Array.isArray(input) || input.length === 0) return undefined;
  if (input.every((item) => typeof item === "string" && item.length > 0)) return input.map(textInput);
  if (input.every(isTokenArray)) return input.map(tokenInput);
  return undefined;
}

/** The vector the mock returns for `text` (or `tokens:1,2,3`): unit length, float32 precision. */
export function mockEmbedding(key: string, dimensions = DEFAULT_DIMENSIONS): number[] {
  const raw: number[] = [];
  for (let block = 0; raw.length < dimensions; block++) {
    const digest = createHash("sha256").update(`${block}:${key}`).digest();
    for (let offset = 0; offset + 4 <= digest.length && raw.length < dimensions; offset += 4) {
      raw.push((digest.readUInt32LE(offset) / 0xffffffff) * 2 - 1);
    }
  }
  const norm = Math.sqrt(raw.reduce((sum, value) => sum + value * value, 0)) || 1;
  return raw.map((value) => Math.fround(value / norm));
}

/**
 * Scenario model `mock-bag-of-words`: a normalised bag of hashed word tokens (64 dimensions by
 * default), so texts that share words are similar and texts that share none score 0. It gives
 * semantic-cache tests a real, predictable similarity; the other models' vectors have none.
 */
export const BAG_OF_WORDS_MODEL = "mock-bag-of-words";
const BAG_OF_WORDS_DIMENSIONS = 64;

export function bagOfWordsEmbedding(text: string, dimensions = BAG_OF_WORDS_DIMENSIONS): number[] {
  const counts = new Array<number>(dimensions).fill(0);
  for (const word of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
    const bucket = createHash("sha256").update(word).digest().readUInt32LE(0) % dimensions;
    counts[bucket] = (counts[bucket] ?? 0) + 1;
  }
  const norm = Math.sqrt(counts.reduce((sum, value) => sum + value * value, 0)) || 1;
  return counts.map((value) => Math.fround(value / norm));
}

/** Little-endian float32, base64-encoded, as `encoding_format: "base64"` returns it. */
export function encodeEmbeddingBase64(vector: readonly number[]): string {
  const bytes = Buffer.alloc(vector.length * 4);
  vector.forEach((value, index) => {
    bytes.writeFloatLE(value, index * 4);
  });
  return bytes.toString("base64");
}

function invalidInput(): ErrorReply {
  const message =
    "'$.input' is invalid. Please check the API reference: https://platform.openai.com/docs/api-reference.";
  return { status: 400, body: { error: { message, type: "invalid_request_error", param: null, code: null } } };
}

export function respondEmbeddings(exchange: Exchange, body: JsonObject, model: string): void {
  const inputs = parseInput(body["input"]);
  if (inputs === undefined) {
    const error = body["input"] === undefined ? missingParameter("input") : invalidInput();
    sendJson(exchange, error.status, error.body);
    return;
  }
  const requested = body["dimensions"];
  const bagOfWords = model === BAG_OF_WORDS_MODEL;
  const defaultDimensions = bagOfWords ? BAG_OF_WORDS_DIMENSIONS : DEFAULT_DIMENSIONS;
  const dimensions =
    typeof requested === "number" && Number.isInteger(requested) && requested > 0 ? requested : defaultDimensions;
  const base64 = body["encoding_format"] === "base64";
  const data = inputs.map((input, index) => {
    const vector = bagOfWords ? bagOfWordsEmbedding(input.key, dimensions) : mockEmbedding(input.key, dimensions);
    return { object: "embedding", index, embedding: base64 ? encodeEmbeddingBase64(vector) : vector };
  });
  const tokens = inputs.reduce((sum, input) => sum + input.tokens, 0);
  sendJson(exchange, 200, { object: "list", data, model, usage: { prompt_tokens: tokens, total_tokens: tokens } });
}
