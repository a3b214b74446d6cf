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
  parseUpstreamJson,
  readUpstreamText,
  type UpstreamErrorMapper,
} from "../../outbound/upstream-json.js";
import { JsonHttpAdapter } from "../json-http-adapter.js";
import { firstHeader, fromOpenAIErrorResponse } from "./errors.js";
import { fromOpenAIChatCompletion, fromOpenAIEmbeddingResponse } from "./from-wire.js";
import { readOpenAIChatStream } from "./stream.js";
import { type OpenAIWireOptions, toOpenAIChatBody, toOpenAIEmbeddingBody } from "./to-wire.js";
import type { OpenAIChatCompletion, OpenAIEmbeddingResponse } from "./wire-types.js";

/** Where and how an OpenAI-wire upstream is called: OpenAI, Azure and compatible vendors differ only here. */
export interface OpenAIEndpoints {
  chatPath(upstreamModel: string): string;
  embeddingsPath(upstreamModel: string): string;
  /** The model name the body carries (Azure's v1 API wants the deployment). */
  bodyModel?(upstreamModel: string): string;
  /** Auth and fixed headers, built once. */
  headers: Record<string, string>;
}

export interface OpenAIAdapterOptions {
  name: string;
  type: string;
  models: readonly string[];
  client: UpstreamClient;
  endpoints: OpenAIEndpoints;
  wire: OpenAIWireOptions;
}

/** Adapter for every upstream that speaks OpenAI's Chat Completions wire format. */
export class OpenAIAdapter extends JsonHttpAdapter<OpenAIAdapterOptions> implements ProviderAdapter {
  readonly type = this.options.type;
  protected readonly fixedHeaders = this.options.endpoints.headers;
  protected readonly upstreamError: UpstreamErrorMapper = (status, text, headers) =>
    fromOpenAIErrorResponse(status, text, this.name, headers);

  async chat(request: ChatRequest, call: UpstreamCall): Promise<ChatResult> {
    const started = performance.now();
    const body = toOpenAIChatBody(
      Object.assign({}, request, { stream: false }),
      this.bodyModel(call),
      this.options.wire,
    );
    const response = await this.post(this.options.endpoints.chatPath(call.upstreamModel), body, call);
    const text = await readUpstreamText(response, this.name, abortOf(call));
    const completion = parseUpstreamJson<OpenAIChatCompletion>(this.name, text);
    if (!Array.isArray(completion?.choices)) throw badUpstreamResponse(this.name, "a chat completion without choices");
    return {
      response: fromOpenAIChatCompletion(completion),
      passthrough: { format: "openai-chat", body: text },
      upstreamRequestId: firstHeader(response.headers, "x-request-id"),
      timing: { upstreamMs: performance.now() - started },
    };
  }

  async chatStream(request: ChatRequest, call: UpstreamCall): Promise<ChatStreamResult> {
    const started = performance.now();
    const body = toOpenAIChatBody(
      Object.assign({}, request, { stream: true }),
      this.bodyModel(call),
      this.options.wire,
    );
    const response = await this.post(this.options.endpoints.chatPath(call.upstreamModel), body, call);
    await expectStreamContentType(response, this.name, abortOf(call), "text/event-stream", "an event stream");
    return {
      chunks: readOpenAIChatStream(response.body, this.name, abortOf(call)),
      upstreamRequestId: firstHeader(response.headers, "x-request-id"),
      timing: { upstreamMs: performance.now() - started },
    };
  }

  async embed(request: EmbeddingRequest, call: UpstreamCall): Promise<EmbeddingResult> {
    const started = performance.now();
    const body = toOpenAIEmbeddingBody(request, this.bodyModel(call));
    const response = await this.post(this.options.endpoints.embeddingsPath(call.upstreamModel), body, call);
    const text = await readUpstreamText(response, this.name, abortOf(call));
    const wire = parseUpstreamJson<OpenAIEmbeddingResponse>(this.name, text);
    if (!Array.isArray(wire?.data)) throw badUpstreamResponse(this.name, "an embedding list without data");
    return {
      response: fromOpenAIEmbeddingResponse(wire),
      passthrough: { format: "openai-embeddings", body: text },
      upstreamRequestId: firstHeader(response.headers, "x-request-id"),
      timing: { upstreamMs: performance.now() - started },
    };
  }

  private bodyModel(call: UpstreamCall): string {
    return this.options.endpoints.bodyModel?.(call.upstreamModel) ?? call.upstreamModel;
  }
}
