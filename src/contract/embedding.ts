import type { ProviderOptions } from "./chat-message.js";
import type { Usage } from "./usage.js";

export interface EmbeddingRequest {
  model: string;
  /** Strings, or token arrays (OpenAI accepts both). */
  input: string[] | number[][];
  dimensions?: number;
  /** How the client wants vectors encoded in the reply. */
  encodingFormat: "float" | "base64";
  user?: string;
  providerOptions: ProviderOptions;
}

export interface EmbeddingResponse {
  model: string;
  /** Vectors in input order. */
  embeddings: number[][];
  usage?: Usage;
}
