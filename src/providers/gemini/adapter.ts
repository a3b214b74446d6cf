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
import { EVENT_STREAM } from "../http-provider-adapter.js";
import { JsonHttpAdapter } from "../json-http-adapter.js";
import { withQuery } from "../split-base-url.js";
import { fromGeminiErrorResponse } from "./errors.js";
import { fromGeminiBatchEmbedResponse, fromGeminiResponse } from "./from-wire.js";
import { readGeminiStream } from "./stream.js";
import { geminiModelResource, toGeminiBatchEmbedBody, toGeminiGenerateContentBody } from "./to-wire.js";
import { GeminiToolCallIds } from "./tool-call-ids.js";
import type { GeminiBatchEmbedResponse, GeminiGenerateContentResponse } from "./wire-types.js";

export interface GeminiAdapterOptions {
  name: string;
  type: string;
  models: readonly string[];
  client: UpstreamClient;
  /** Path prefix up to and including the API version, e.g. "/v1beta". */
  versionPath: string;
  /** Query parameters added to every call (from config). */
  query: Record<string, string>;
  /** x-goog-api-key and configured headers, built once. */
  headers: Record<string, string>;
}

/** Adapter for Google's Generative Language API (AI Studio keys): generateContent, its SSE stream, batchEmbedContents. */
export class GeminiAdapter extends JsonHttpAdapter<GeminiAdapterOptions> implements ProviderAdapter {
  readonly type = this.options.type;
  protected readonly fixedHeaders = this.options.headers;
  protected readonly upstreamError: UpstreamErrorMapper = (status, text) =>
    fromGeminiErrorResponse(status, text, this.name);

  async chat(request: ChatRequest, call: UpstreamCall): Promise<ChatResult> {
    const body = toGeminiGenerateContentBody(request);
    const path = this.methodPath(call.upstreamModel, "generateContent");
    const { wire, timing } = await this.postJson<GeminiGenerateContentResponse>(path, body, call);
    if (typeof wire !== "object" || wire === null || Array.isArray(wire)) {
      throw badUpstreamResponse(this.name, "a body that is not a GenerateContentResponse");
    }
    if (!Array.isArray(wire.candidates) && !wire.promptFeedback?.blockReason) {
      throw badUpstreamResponse(this.name, "a response without candidates");
    }
    return {
      response: fromGeminiResponse(wire, call.upstreamModel, new GeminiToolCallIds(wire.responseId)),
      upstreamRequestId: wire.responseId,
      timing,
    };
  }

  async chatStream(request: ChatRequest, call: UpstreamCall): Promise<ChatStreamResult> {
    const body = toGeminiGenerateContentBody(request);
    const path = this.methodPath(call.upstreamModel, "streamGenerateContent", { alt: "sse" });
    const answer = await this.postStream(path, body, call, EVENT_STREAM);
    return {
      chunks: readGeminiStream(answer.body, this.name, call.upstreamModel, call.abort),
      timing: answer.timing,
    };
  }

  async embed(request: EmbeddingRequest, call: UpstreamCall): Promise<EmbeddingResult> {
    const body = toGeminiBatchEmbedBody(request, call.upstreamModel);
    const path = this.methodPath(call.upstreamModel, "batchEmbedContents");
    const { wire, timing } = await this.postJson<GeminiBatchEmbedResponse>(path, body, call);
    if (!hasOneEmbeddingPerInput(wire, request.input.length)) {
      throw badUpstreamResponse(this.name, "a batchEmbedContents answer without one embedding per input");
    }
    return { response: fromGeminiBatchEmbedResponse(wire, call.upstreamModel), timing };
  }

  /** `/v1beta/models/gemini-2.5-flash:generateContent`, each path segment escaped. */
  private methodPath(upstreamModel: string, method: string, query: Record<string, string> = {}): string {
    const resource = geminiModelResource(upstreamModel).split("/").map(encodeURIComponent).join("/");
    return withQuery(`${this.options.versionPath}/${resource}:${method}`, Object.assign({}, query, this.options.query));
  }
}

function hasOneEmbeddingPerInput(
  wire: GeminiBatchEmbedResponse | undefined,
  inputs: number,
): wire is GeminiBatchEmbedResponse {
  const embeddings = wire?.embeddings;
  return (
    Array.isArray(embeddings) &&
    embeddings.length === inputs &&
    embeddings.every((embedding) => Array.isArray(embedding?.values))
  );
}
