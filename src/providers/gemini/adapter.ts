import type { UpstreamClient, UpstreamResponse } from "../../outbound/upstream-client.js";
import {
  badUpstreamResponse,
  expectStreamContentType,
  parseUpstreamJson,
  postUpstreamJson,
  readUpstreamText,
} from "../../outbound/upstream-json.js";
import type { ChatRequest } from "../../spec/chat-request.js";
import type { EmbeddingRequest } from "../../spec/embedding.js";
import type {
  ChatResult,
  ChatStreamResult,
  EmbeddingResult,
  ProviderAdapter,
  UpstreamCall,
} from "../../spec/provider-adapter.js";
import { HttpProviderAdapter } from "../http-provider-adapter.js";
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
export class GeminiAdapter extends HttpProviderAdapter<GeminiAdapterOptions> implements ProviderAdapter {
  readonly type = this.options.type;

  async chat(request: ChatRequest, call: UpstreamCall): Promise<ChatResult> {
    const started = performance.now();
    const body = toGeminiGenerateContentBody(request);
    const response = await this.post(this.methodPath(call.upstreamModel, "generateContent"), body, call);
    const wire = parseUpstreamJson<GeminiGenerateContentResponse>(
      this.name,
      await readUpstreamText(response, this.name, call.signal),
    );
    if (typeof wire !== "object" || wire === null || Array.isArray(wire)) {
      throw badUpstreamResponse(this.name, "a body that is not a GenerateContentResponse");
    }
    if (!Array.isArray(wire.candidates) && !wire.promptFeedback?.blockReason) {
      throw badUpstreamResponse(this.name, "a response without candidates");
    }
    return {
      response: fromGeminiResponse(wire, call.upstreamModel, new GeminiToolCallIds(wire.responseId)),
      upstreamRequestId: wire.responseId,
      timing: { upstreamMs: performance.now() - started },
    };
  }

  async chatStream(request: ChatRequest, call: UpstreamCall): Promise<ChatStreamResult> {
    const started = performance.now();
    const body = toGeminiGenerateContentBody(request);
    const path = this.methodPath(call.upstreamModel, "streamGenerateContent", { alt: "sse" });
    const response = await this.post(path, body, call);
    await expectStreamContentType(response, this.name, call.signal, "text/event-stream", "an event stream");
    return {
      chunks: readGeminiStream(response.body, this.name, call.upstreamModel, call.signal),
      timing: { upstreamMs: performance.now() - started },
    };
  }

  async embed(request: EmbeddingRequest, call: UpstreamCall): Promise<EmbeddingResult> {
    const started = performance.now();
    const body = toGeminiBatchEmbedBody(request, call.upstreamModel);
    const response = await this.post(this.methodPath(call.upstreamModel, "batchEmbedContents"), body, call);
    const wire = parseUpstreamJson<GeminiBatchEmbedResponse>(
      this.name,
      await readUpstreamText(response, this.name, call.signal),
    );
    if (!hasOneEmbeddingPerInput(wire, request.input.length)) {
      throw badUpstreamResponse(this.name, "a batchEmbedContents answer without one embedding per input");
    }
    return {
      response: fromGeminiBatchEmbedResponse(wire, call.upstreamModel),
      timing: { upstreamMs: performance.now() - started },
    };
  }

  /** `/v1beta/models/gemini-2.5-flash:generateContent`, each path segment escaped. */
  private methodPath(upstreamModel: string, method: string, query: Record<string, string> = {}): string {
    const resource = geminiModelResource(upstreamModel).split("/").map(encodeURIComponent).join("/");
    return withQuery(`${this.options.versionPath}/${resource}:${method}`, { ...query, ...this.options.query });
  }

  /** Sends the request; an error status is read and thrown as the upstream's error. */
  private post(path: string, body: object, call: UpstreamCall): Promise<UpstreamResponse> {
    return postUpstreamJson(
      this.options.client,
      { path: path, headers: { ...this.options.headers, ...call.headers }, body, signal: call.signal },
      (status, text) => fromGeminiErrorResponse(status, text, this.name),
    );
  }
}

function _headerValue(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
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
