import { toUpstreamError } from "../../outbound/to-upstream-error.js";
import type { UpstreamClient, UpstreamResponse } from "../../outbound/upstream-client.js";
import type { ChatRequest } from "../../spec/chat-request.js";
import { GatewayError } from "../../spec/errors.js";
import type { ChatResult, ChatStreamResult, ProviderAdapter, UpstreamCall } from "../../spec/provider-adapter.js";
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
export class AnthropicAdapter implements ProviderAdapter {
  readonly name: string;
  readonly type = "anthropic";
  readonly models: readonly string[];

  constructor(private readonly options: AnthropicAdapterOptions) {
    this.name = options.name;
    this.models = options.models;
  }

  async chat(request: ChatRequest, call: UpstreamCall): Promise<ChatResult> {
    const started = performance.now();
    const body = toAnthropicMessagesBody({ ...request, stream: false }, call.upstreamModel, this.options.wire);
    const response = await this.post(this.options.paths.messages, body, call);
    const text = await this.readBody(response, call.signal);
    const message = this.parseJson<AnthropicMessageResponse>(text);
    if (!Array.isArray(message?.content)) throw this.badResponse("a message without a content list");
    return {
      response: fromAnthropicMessage(message),
      passthrough: { format: "anthropic-messages", body: text },
      upstreamRequestId: firstHeader(response.headers, "request-id"),
      timing: { upstreamMs: performance.now() - started },
    };
  }

  async chatStream(request: ChatRequest, call: UpstreamCall): Promise<ChatStreamResult> {
    const started = performance.now();
    const body = toAnthropicMessagesBody({ ...request, stream: true }, call.upstreamModel, this.options.wire);
    const response = await this.post(this.options.paths.messages, body, call);
    const contentType = firstHeader(response.headers, "content-type") ?? "";
    if (!contentType.includes("text/event-stream")) {
      const text = await this.readBody(response, call.signal);
      throw this.badResponse(`content type "${contentType}" instead of an event stream: ${text.slice(0, 200)}`);
    }
    const requestId = firstHeader(response.headers, "request-id");
    return {
      chunks: readAnthropicMessageStream(response.body, this.name, call.signal, requestId),
      upstreamRequestId: requestId,
      timing: { upstreamMs: performance.now() - started },
    };
  }

  /** Anthropic's own count of a request's input tokens (POST /v1/messages/count_tokens). */
  async countTokens(request: ChatRequest, call: UpstreamCall): Promise<{ inputTokens: number }> {
    const body = toAnthropicCountTokensBody(request, call.upstreamModel, this.options.wire);
    const response = await this.post(this.options.paths.countTokens, body, call);
    const counted = this.parseJson<{ input_tokens?: unknown }>(await this.readBody(response, call.signal));
    if (typeof counted?.input_tokens !== "number") throw this.badResponse("a token count without input_tokens");
    return { inputTokens: counted.input_tokens };
  }

  close(): Promise<void> {
    return this.options.client.close();
  }

  /** Sends the request; an error status is read and thrown as the upstream's error. */
  private async post(path: string, body: Record<string, unknown>, call: UpstreamCall): Promise<UpstreamResponse> {
    const response = await this.options.client.request({
      path,
      method: "POST",
      headers: { ...this.options.headers, ...call.headers, "content-type": "application/json" },
      body: JSON.stringify(body),
      signal: call.signal,
    });
    if (response.status >= 400) {
      const text = await this.readBody(response, call.signal);
      throw fromAnthropicErrorResponse(response.status, text, this.name, response.headers);
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
      return JSON.parse(text) as T | undefined;
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
