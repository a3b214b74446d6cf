import type { ChatRequest } from "../../contract/chat-request.js";
import type { ChatResult, ChatStreamResult, ProviderAdapter, UpstreamCall } from "../../contract/provider-adapter.js";
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
import { firstHeader, fromAnthropicErrorResponse } from "./errors.js";
import { fromAnthropicMessage } from "./from-wire.js";
import { readAnthropicMessageStream } from "./stream.js";
import { type AnthropicWireOptions, toAnthropicCountTokensBody, toAnthropicMessagesBody } from "./to-wire.js";
import type { AnthropicMessageResponse } from "./wire-types.js";

export interface AnthropicAdapterOptions {
  name: string;
  models: readonly string[];
  client: UpstreamClient;
  /** Path and query of each endpoint, e.g. "/v1/messages" and "/v1/messages/count_tokens". */
  paths: { messages: string; countTokens: string };
  /** Auth, anthropic-version and configured extra headers (anthropic-beta), built once. */
  headers: Record<string, string>;
  wire: AnthropicWireOptions;
}

/** Adapter for Anthropic's Messages API. Anthropic offers no embeddings, so `embed` is absent. */
export class AnthropicAdapter extends JsonHttpAdapter<AnthropicAdapterOptions> implements ProviderAdapter {
  readonly type = "anthropic";
  protected readonly fixedHeaders = this.options.headers;
  protected readonly upstreamError: UpstreamErrorMapper = (status, text, headers) =>
    fromAnthropicErrorResponse(status, text, this.name, headers);

  async chat(request: ChatRequest, call: UpstreamCall): Promise<ChatResult> {
    const started = performance.now();
    const body = toAnthropicMessagesBody(
      Object.assign({}, request, { stream: false }),
      call.upstreamModel,
      this.options.wire,
    );
    const response = await this.post(this.options.paths.messages, body, call);
    const text = await readUpstreamText(response, this.name, abortOf(call));
    const message = parseUpstreamJson<AnthropicMessageResponse>(this.name, text);
    if (!Array.isArray(message?.content)) throw badUpstreamResponse(this.name, "a message without a content list");
    return {
      response: fromAnthropicMessage(message),
      passthrough: { format: "anthropic-messages", body: text },
      upstreamRequestId: firstHeader(response.headers, "request-id"),
      timing: { upstreamMs: performance.now() - started },
    };
  }

  async chatStream(request: ChatRequest, call: UpstreamCall): Promise<ChatStreamResult> {
    const started = performance.now();
    const body = toAnthropicMessagesBody(
      Object.assign({}, request, { stream: true }),
      call.upstreamModel,
      this.options.wire,
    );
    const response = await this.post(this.options.paths.messages, body, call);
    await expectStreamContentType(response, this.name, abortOf(call), "text/event-stream", "an event stream");
    const requestId = firstHeader(response.headers, "request-id");
    return {
      chunks: readAnthropicMessageStream(response.body, this.name, abortOf(call), requestId),
      upstreamRequestId: requestId,
      timing: { upstreamMs: performance.now() - started },
    };
  }

  /** Anthropic's own count of a request's input tokens (POST /v1/messages/count_tokens). */
  async countTokens(request: ChatRequest, call: UpstreamCall): Promise<{ inputTokens: number }> {
    const body = toAnthropicCountTokensBody(request, call.upstreamModel, this.options.wire);
    const response = await this.post(this.options.paths.countTokens, body, call);
    const counted = await this.readJson<{ input_tokens?: unknown }>(response, call);
    if (typeof counted?.input_tokens !== "number")
      throw badUpstreamResponse(this.name, "a token count without input_tokens");
    return { inputTokens: counted.input_tokens };
  }
}
