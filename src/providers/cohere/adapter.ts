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
import { EVENT_STREAM } from "../http-provider-adapter.js";
import { type ChatAndEmbedAdapterOptions, JsonHttpAdapter } from "../json-http-adapter.js";
import { cohereRequestId, cohereUpstreamError, fromCohereErrorResponse } from "./errors.js";
import { fromCohereChatResponse, fromCohereEmbedResponse } from "./from-wire.js";
import { readCohereChatStream } from "./stream.js";
import { toCohereChatBody, toCohereEmbedBody } from "./to-wire.js";
import type { CohereChatResponse, CohereEmbedResponse } from "./wire-types.js";

export type CohereAdapterOptions = ChatAndEmbedAdapterOptions;

/** Adapter for Cohere's native v2 API: POST /v2/chat (JSON or SSE) and POST /v2/embed. */
export class CohereAdapter extends JsonHttpAdapter<CohereAdapterOptions> implements ProviderAdapter {
  readonly type = "cohere";
  protected readonly fixedHeaders = this.options.headers;
  protected readonly upstreamError: UpstreamErrorMapper = (status, text, headers) =>
    fromCohereErrorResponse(status, text, this.name, headers);

  async chat(request: ChatRequest, call: UpstreamCall): Promise<ChatResult> {
    const body = toCohereChatBody(withFields(request, { stream: false }), call.upstreamModel);
    const { wire, headers, timing } = await this.postJson<CohereChatResponse>(this.options.paths.chat, body, call);
    if (typeof wire?.message !== "object" || wire.message === null)
      throw badUpstreamResponse(this.name, "a chat answer without message");
    const mapped = fromCohereChatResponse(wire, call.upstreamModel);
    if (mapped.choices[0]?.finishReason.unified === "error") {
      // Cohere answers 200 with finish_reason ERROR or TIMEOUT when generation failed midway.
      const message = `Provider "${this.name}" stopped generating (${wire.finish_reason}).`;
      throw cohereUpstreamError(message, 502, this.name, headers);
    }
    return { response: mapped, upstreamRequestId: cohereRequestId(headers), timing };
  }

  async chatStream(request: ChatRequest, call: UpstreamCall): Promise<ChatStreamResult> {
    const body = toCohereChatBody(withFields(request, { stream: true }), call.upstreamModel);
    const answer = await this.postStream(this.options.paths.chat, body, call, EVENT_STREAM);
    return {
      chunks: readCohereChatStream(answer.body, this.name, call.upstreamModel, call.abort),
      upstreamRequestId: cohereRequestId(answer.headers),
      timing: answer.timing,
    };
  }

  async embed(request: EmbeddingRequest, call: UpstreamCall): Promise<EmbeddingResult> {
    const body = toCohereEmbedBody(request, call.upstreamModel);
    const { wire, headers, timing } = await this.postJson<CohereEmbedResponse>(this.options.paths.embed, body, call);
    if (!Array.isArray(wire?.embeddings?.float))
      throw badUpstreamResponse(this.name, "an embedding answer without float vectors");
    return {
      response: fromCohereEmbedResponse(wire, call.upstreamModel),
      upstreamRequestId: cohereRequestId(headers),
      timing,
    };
  }
}
