import type { ChatRequest } from "../../contract/chat-request.js";
import type { ChatResult, ChatStreamResult, ProviderAdapter, UpstreamCall } from "../../contract/provider-adapter.js";
import type { UpstreamClient } from "../../outbound/upstream-client.js";
import { badUpstreamResponse, type UpstreamErrorMapper } from "../../outbound/upstream-json.js";
import { withFields } from "../../wire/with-fields.js";
import { EVENT_STREAM } from "../http-provider-adapter.js";
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
    const body = toAnthropicMessagesBody(withFields(request, { stream: false }), call.upstreamModel, this.options.wire);
    const answer = await this.postJson<AnthropicMessageResponse>(this.options.paths.messages, body, call);
    if (!Array.isArray(answer.wire?.content)) throw badUpstreamResponse(this.name, "a message without a content list");
    return {
      response: fromAnthropicMessage(answer.wire),
      passthrough: { format: "anthropic-messages", body: answer.text },
      upstreamRequestId: firstHeader(answer.headers, "request-id"),
      timing: answer.timing,
    };
  }

  async chatStream(request: ChatRequest, call: UpstreamCall): Promise<ChatStreamResult> {
    const body = toAnthropicMessagesBody(withFields(request, { stream: true }), call.upstreamModel, this.options.wire);
    const answer = await this.postStream(this.options.paths.messages, body, call, EVENT_STREAM);
    const requestId = firstHeader(answer.headers, "request-id");
    return {
      chunks: readAnthropicMessageStream(answer.body, this.name, call.abort, requestId),
      upstreamRequestId: requestId,
      timing: answer.timing,
    };
  }

  /** Anthropic's own count of a request's input tokens (POST /v1/messages/count_tokens). */
  async countTokens(request: ChatRequest, call: UpstreamCall): Promise<{ inputTokens: number }> {
    const body = toAnthropicCountTokensBody(request, call.upstreamModel, this.options.wire);
    const answer = await this.postJson<{ input_tokens?: unknown }>(this.options.paths.countTokens, body, call);
    if (typeof answer.wire?.input_tokens !== "number")
      throw badUpstreamResponse(this.name, "a token count without input_tokens");
    return { inputTokens: answer.wire.input_tokens };
  }
}
