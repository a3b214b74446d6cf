import type { ChatRequest } from "../../contract/chat-request.js";
import type { EmbeddingRequest } from "../../contract/embedding.js";
import type {
  ChatResult,
  ChatStreamResult,
  EmbeddingResult,
  ProviderAdapter,
  UpstreamCall,
} from "../../contract/provider-adapter.js";
import type { UpstreamClient } from "../../outbound/upstream-client.js";
import { badUpstreamResponse, type UpstreamErrorMapper } from "../../outbound/upstream-json.js";
import { withFields } from "../../wire/with-fields.js";
import { EVENT_STREAM } from "../http-provider-adapter.js";
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
    const body = toOpenAIChatBody(withFields(request, { stream: false }), this.bodyModel(call), this.options.wire);
    const answer = await this.postJson<OpenAIChatCompletion>(
      this.options.endpoints.chatPath(call.upstreamModel),
      body,
      call,
    );
    if (!Array.isArray(answer.wire?.choices)) throw badUpstreamResponse(this.name, "a chat completion without choices");
    return {
      response: fromOpenAIChatCompletion(answer.wire),
      passthrough: { format: "openai-chat", body: answer.text },
      upstreamRequestId: firstHeader(answer.headers, "x-request-id"),
      timing: answer.timing,
    };
  }

  async chatStream(request: ChatRequest, call: UpstreamCall): Promise<ChatStreamResult> {
    const body = toOpenAIChatBody(withFields(request, { stream: true }), this.bodyModel(call), this.options.wire);
    const path = this.options.endpoints.chatPath(call.upstreamModel);
    const answer = await this.postStream(path, body, call, EVENT_STREAM);
    return {
      chunks: readOpenAIChatStream(answer.body, this.name, call.abort),
      upstreamRequestId: firstHeader(answer.headers, "x-request-id"),
      timing: answer.timing,
    };
  }

  async embed(request: EmbeddingRequest, call: UpstreamCall): Promise<EmbeddingResult> {
    const body = toOpenAIEmbeddingBody(request, this.bodyModel(call));
    const path = this.options.endpoints.embeddingsPath(call.upstreamModel);
    const answer = await this.postJson<OpenAIEmbeddingResponse>(path, body, call);
    if (!Array.isArray(answer.wire?.data)) throw badUpstreamResponse(this.name, "an embedding list without data");
    return {
      response: fromOpenAIEmbeddingResponse(answer.wire),
      passthrough: { format: "openai-embeddings", body: answer.text },
      upstreamRequestId: firstHeader(answer.headers, "x-request-id"),
      timing: answer.timing,
    };
  }

  private bodyModel(call: UpstreamCall): string {
    return this.options.endpoints.bodyModel?.(call.upstreamModel) ?? call.upstreamModel;
  }
}
