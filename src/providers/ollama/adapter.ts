import { toUpstreamError } from "../../outbound/to-upstream-error.js";
import type { UpstreamClient, UpstreamResponse } from "../../outbound/upstream-client.js";
import type { ChatRequest } from "../../spec/chat-request.js";
import type { EmbeddingRequest } from "../../spec/embedding.js";
import { GatewayError } from "../../spec/errors.js";
import type {
  ChatResult,
  ChatStreamResult,
  EmbeddingResult,
  ProviderAdapter,
  UpstreamCall,
} from "../../spec/provider-adapter.js";
import { fromOllamaErrorResponse, ollamaUpstreamError } from "./errors.js";
import { fromOllamaChatResponse, fromOllamaEmbedResponse } from "./from-wire.js";
import { readOllamaChatStream } from "./stream.js";
import { toOllamaChatBody, toOllamaEmbedBody } from "./to-wire.js";
import type { OllamaChatLine, OllamaEmbedResponse } from "./wire-types.js";

export interface OllamaAdapterOptions {
  name: string;
  models: readonly string[];
  client: UpstreamClient;
  /** Path prefix in front of /api/chat and /api/embed ("" for a local Ollama). */
  basePath: string;
  /** Fixed headers, with a bearer key only when one is configured (Ollama Cloud, or a proxy). */
  headers: Record<string, string>;
  withQuery(path: string): string;
}

/** Adapter for Ollama's native API: POST /api/chat (JSON or NDJSON stream) and POST /api/embed. */
export class OllamaAdapter implements ProviderAdapter {
  readonly name: string;
  readonly type = "ollama";
  readonly models: readonly string[];

  constructor(private readonly options: OllamaAdapterOptions) {
    this.name = options.name;
    this.models = options.models;
  }

  async chat(request: ChatRequest, call: UpstreamCall): Promise<ChatResult> {
    const started = performance.now();
    const body = toOllamaChatBody({ ...request, stream: false }, call.upstreamModel);
    const response = await this.post("/api/chat", body, call);
    const wire = this.parseJson<OllamaChatLine>(await this.readBody(response, call.signal));
    if (typeof wire?.error === "string") throw ollamaUpstreamError(wire.error, 502, this.name);
    if (typeof wire?.message !== "object" || wire.message === null)
      throw this.badResponse("a chat answer without message");
    return {
      response: fromOllamaChatResponse(wire, call.upstreamModel),
      timing: { upstreamMs: performance.now() - started },
    };
  }

  async chatStream(request: ChatRequest, call: UpstreamCall): Promise<ChatStreamResult> {
    const started = performance.now();
    const body = toOllamaChatBody({ ...request, stream: true }, call.upstreamModel);
    const response = await this.post("/api/chat", body, call);
    const contentType = firstHeader(response.headers, "content-type") ?? "";
    // application/x-ndjson; a single JSON object is a one-line stream and reads the same way.
    if (!contentType.includes("json")) {
      const text = await this.readBody(response, call.signal);
      throw this.badResponse(`content type "${contentType}" instead of NDJSON: ${text.slice(0, 200)}`);
    }
    return {
      chunks: readOllamaChatStream(response.body, this.name, call.upstreamModel, call.signal),
      timing: { upstreamMs: performance.now() - started },
    };
  }

  async embed(request: EmbeddingRequest, call: UpstreamCall): Promise<EmbeddingResult> {
    const started = performance.now();
    const response = await this.post("/api/embed", toOllamaEmbedBody(request, call.upstreamModel), call);
    const wire = this.parseJson<OllamaEmbedResponse>(await this.readBody(response, call.signal));
    if (!Array.isArray(wire?.embeddings)) throw this.badResponse("an embedding answer without embeddings");
    return {
      response: fromOllamaEmbedResponse(wire, call.upstreamModel),
      timing: { upstreamMs: performance.now() - started },
    };
  }

  close(): Promise<void> {
    return this.options.client.close();
  }

  /** Sends the request; an error status is read and thrown as the upstream's error. */
  private async post(path: string, body: Record<string, unknown>, call: UpstreamCall): Promise<UpstreamResponse> {
    const response = await this.options.client.request({
      path: this.options.withQuery(`${this.options.basePath}${path}`),
      method: "POST",
      headers: { ...this.options.headers, ...call.headers, "content-type": "application/json" },
      body: JSON.stringify(body),
      signal: call.signal,
    });
    if (response.status >= 400) {
      const text = await this.readBody(response, call.signal);
      throw fromOllamaErrorResponse(response.status, text, this.name);
    }
    return response;
  }

  private async readBody(response: UpstreamResponse, signal: AbortSignal): Promise<string> {
    try {
      return await response.body.text();
    } catch (error) {
      throw toUpstreamError(error, this.name, signal);
    }
  }

  private parseJson<T>(text: string): T | undefined {
    try {
      return JSON.parse(text) as T;
    } catch {
      throw this.badResponse(`a body that is not JSON: ${text.slice(0, 200)}`);
    }
  }

  private badResponse(what: string): GatewayError {
    return new GatewayError("upstream_bad_response", `Provider "${this.name}" answered with ${what}.`, {
      upstream: { provider: this.name },
    });
  }
}

function firstHeader(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}
