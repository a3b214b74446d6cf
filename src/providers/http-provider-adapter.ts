import type { UpstreamCall } from "../contract/provider-adapter.js";
import { abortOf } from "../outbound/abort-scope.js";
import type { UpstreamClient, UpstreamResponse } from "../outbound/upstream-client.js";
import { parseUpstreamJson, readUpstreamText } from "../outbound/upstream-json.js";

/** What every HTTP adapter is made with: its configured name, the models it lists and its pool. */
export interface HttpAdapterOptions {
  name: string;
  models: readonly string[];
  client: UpstreamClient;
}

/**
 * The part every provider adapter over HTTP shares: its identity from the config and the
 * connection pool it closes. The adapter adds its type and the ProviderAdapter calls.
 */
export abstract class HttpProviderAdapter<Options extends HttpAdapterOptions> {
  readonly name: string;
  readonly models: readonly string[];
  abstract readonly type: string;

  constructor(protected readonly options: Options) {
    this.name = options.name;
    this.models = options.models;
  }

  close(): Promise<void> {
    return this.options.client.close();
  }

  /** Reads and parses a JSON answer whose text is not kept; a broken read or non-JSON body becomes the gateway error. */
  protected async readJson<T>(response: UpstreamResponse, call: UpstreamCall): Promise<T | undefined> {
    return parseUpstreamJson<T>(this.name, await readUpstreamText(response, this.name, abortOf(call)));
  }
}
