import type { ChatRequest } from "../../contract/chat-request.js";
import type { EmbeddingRequest } from "../../contract/embedding.js";
import type {
  ChatResult,
  ChatStreamResult,
  EmbeddingResult,
  ProviderAdapter,
  UpstreamCall,
} from "../../contract/provider-adapter.js";
import { abortOf } from "../../outbound/abort-scope.js";
import type { UpstreamClient } from "../../outbound/upstream-client.js";
import {
  badUpstreamResponse,
  expectStreamContentType,
  type UpstreamErrorMapper,
} from "../../outbound/upstream-json.js";
import { JsonHttpAdapter } from "../json-http-adapter.js";
import { fromOllamaErrorResponse, ollamaUpstreamError } from "./errors.js";
import { fromOllamaChatResponse, fromOllamaEmbedResponse } from "./from-wire.js";
import { readOllamaChatStream } from "./stream.js";
import { toOllamaChatBody, toOllamaEmbedBody } from "./to-wire.js";
import type { OllamaChatLine, OllamaEmbedResponse } from "./wire-types.js";

export interface OllamaAdapterOptions {
  name: string;
  models: readonly string[];
  client: UpstreamClient;
  /** The full request paths, with the configured base path and query, built once. */
  paths: { chat: string; embed: string };
  /** Fixed headers, with a bearer key only when one is configured (Ollama Cloud, or a proxy). */
  headers: Record<string, string>;
}

/** Adapter for Ollama's native API: POST /api/chat (JSON or NDJSON stream) and POST /api/embed. */
export class OllamaAdapter extends JsonHttpAdapter<OllamaAdapterOptions> implements ProviderAdapter {
  readonly type = "ollama";
  protected readonly fixedHeaders = this.options.headers;
  protected readonly upstreamError: UpstreamErrorMapper = (status, text) =>
    fromOllamaErrorResponse(status, text, this.name);

  async chat(request: ChatRequest, call: UpstreamCall): Promise<ChatResult> {
    const started = performance.now();
    const body = toOllamaChatBody(Object.assign({}, request, { stream: false }), call.upstreamModel);
    const response = await this.post(this.options.paths.chat, body, call);
    const wire = await this.readJson<OllamaChatLine>(response, call);
    if (typeof wire?.error === "string") throw ollamaUpstreamError(wire.error, 502, this.name);
    if (typeof wire?.message !== "object" || wire.message === null)
      throw badUpstreamResponse(this.name, "a chat answer without message");
    return {
      response: fromOllamaChatResponse(wire, call.upstreamModel),
      timing: { upstreamMs: performance.now() - started },
    };
  }

  async chatStream(request: ChatRequest, call: UpstreamCall): Promise<ChatStreamResult> {
    const started = performance.now();
    const body = toOllamaChatBody(Object.assign({}, request, { stream: true }), call.upstreamModel);
    const response = await this.post(this.options.paths.chat, body, call);
    // application/x-ndjson; a single JSON object is a one-line stream and reads the same way.
    await expectStreamContentType(response, this.name, abortOf(call), "json", "NDJSON");
    return {
      chunks: readOllamaChatStream(response.body, this.name, call.upstreamModel, abortOf(call)),
      timing: { upstreamMs: performance.now() - started },
    };
  }

  async embed(request: EmbeddingRequest, call: UpstreamCall): Promise<EmbeddingResult> {
    const started = performance.now();
    const response = await this.post(this.options.paths.embed, toOllamaEmbedBody(request, call.upstreamModel), call);
    const wire = await this.readJson<OllamaEmbedResponse>(response, call);
    if (!Array.isArray(wire?.embeddings))
      throw badUpstreamResponse(this.name, "an embedding answer without embeddings");
    return {
      response: fromOllamaEmbedResponse(wire, call.upstreamModel),
      timing: { upstreamMs: performance.now() - started },
    };
  }
}
