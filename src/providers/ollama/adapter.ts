import type { ChatRequest } from "../../contract/chat-request.js";
import type { EmbeddingRequest } from "../../contract/embedding.js";
import type {
  ChatResult,
  ChatStreamResult,
  EmbeddingResult,
  ProviderAdapter,
  UpstreamCall,
} from "../../contract/provider-adapter.js";
import { badUpstreamResponse, type UpstreamErrorMapper } from "../../outbound/upstream-json.js";
import { withFields } from "../../wire/with-fields.js";
import type { StreamContentType } from "../http-provider-adapter.js";
import { type ChatAndEmbedAdapterOptions, JsonHttpAdapter } from "../json-http-adapter.js";
import { fromOllamaErrorResponse, ollamaUpstreamError } from "./errors.js";
import { fromOllamaChatResponse, fromOllamaEmbedResponse } from "./from-wire.js";
import { readOllamaChatStream } from "./stream.js";
import { toOllamaChatBody, toOllamaEmbedBody } from "./to-wire.js";
import type { OllamaChatLine, OllamaEmbedResponse } from "./wire-types.js";

export type OllamaAdapterOptions = ChatAndEmbedAdapterOptions;

/** application/x-ndjson; a single JSON object is a one-line stream and reads the same way. */
const NDJSON: StreamContentType = { expected: "json", what: "NDJSON" };

/** Adapter for Ollama's native API: POST /api/chat (JSON or NDJSON stream) and POST /api/embed. */
export class OllamaAdapter extends JsonHttpAdapter<OllamaAdapterOptions> implements ProviderAdapter {
  readonly type = "ollama";
  protected readonly fixedHeaders = this.options.headers;
  protected readonly upstreamError: UpstreamErrorMapper = (status, text) =>
    fromOllamaErrorResponse(status, text, this.name);

  async chat(request: ChatRequest, call: UpstreamCall): Promise<ChatResult> {
    const body = toOllamaChatBody(withFields(request, { stream: false }), call.upstreamModel);
    const { wire, timing } = await this.postJson<OllamaChatLine>(this.options.paths.chat, body, call);
    if (typeof wire?.error === "string") throw ollamaUpstreamError(wire.error, 502, this.name);
    if (typeof wire?.message !== "object" || wire.message === null)
      throw badUpstreamResponse(this.name, "a chat answer without message");
    return { response: fromOllamaChatResponse(wire, call.upstreamModel), timing };
  }

  async chatStream(request: ChatRequest, call: UpstreamCall): Promise<ChatStreamResult> {
    const body = toOllamaChatBody(withFields(request, { stream: true }), call.upstreamModel);
    const answer = await this.postStream(this.options.paths.chat, body, call, NDJSON);
    return {
      chunks: readOllamaChatStream(answer.body, this.name, call.upstreamModel, call.abort),
      timing: answer.timing,
    };
  }

  async embed(request: EmbeddingRequest, call: UpstreamCall): Promise<EmbeddingResult> {
    const body = toOllamaEmbedBody(request, call.upstreamModel);
    const { wire, timing } = await this.postJson<OllamaEmbedResponse>(this.options.paths.embed, body, call);
    if (!Array.isArray(wire?.embeddings))
      throw badUpstreamResponse(this.name, "an embedding answer without embeddings");
    return { response: fromOllamaEmbedResponse(wire, call.upstreamModel), timing };
  }
}
