import type { UpstreamCall } from "../contract/provider-adapter.js";
import type { UpstreamResponse } from "../outbound/upstream-client.js";
import { postUpstreamJson, type UpstreamErrorMapper } from "../outbound/upstream-json.js";
import { type HttpAdapterOptions, HttpProviderAdapter } from "./http-provider-adapter.js";

/** An adapter with one chat and one embed endpoint and fixed headers (Cohere, Ollama). */
export interface ChatAndEmbedAdapterOptions extends HttpAdapterOptions {
  /** The full request paths, with the configured base path and query, built once. */
  paths: { chat: string; embed: string };
  /** Auth (where the provider takes a key) and configured headers, built once. */
  headers: Record<string, string>;
}

/**
 * An HTTP adapter whose upstream takes plain JSON POSTs with fixed headers (every provider but
 * the signing Bedrock): the one place such a request is sent and its error status mapped.
 */
export abstract class JsonHttpAdapter<Options extends HttpAdapterOptions> extends HttpProviderAdapter<Options> {
  /** Auth and configured headers, built once and sent with every request; the call's own headers win. */
  protected abstract readonly fixedHeaders: Record<string, string>;

  /** The provider's own reading of an error answer, so clients see its message and retry hints. */
  protected abstract readonly upstreamError: UpstreamErrorMapper;

  protected post(path: string, body: object, call: UpstreamCall): Promise<UpstreamResponse> {
    return postUpstreamJson(
      this.options.client,
      { path, headers: Object.assign({}, this.fixedHeaders, call.headers), body, signal: call.abort },
      this.upstreamError,
    );
  }
}
