import {
  PROVIDER_SPECIFICATION_VERSION,
  type UpstreamCall,
  type UpstreamTiming,
} from "../contract/provider-adapter.js";
import type { UpstreamClient, UpstreamResponse } from "../outbound/upstream-client.js";
import { expectStreamContentType, parseUpstreamJson, readUpstreamText } from "../outbound/upstream-json.js";

/** What every HTTP adapter is made with: its configured name, the models it lists and its pool. */
export interface HttpAdapterOptions {
  name: string;
  models: readonly string[];
  client: UpstreamClient;
}

/** A whole JSON answer: parsed, as text (for a passthrough), its headers, and the upstream's time. */
export interface JsonAnswer<T> {
  wire: T | undefined;
  text: string;
  headers: UpstreamResponse["headers"];
  /** From the send until the whole body arrived. */
  timing: UpstreamTiming;
}

/** A stream the upstream has begun to answer: its body unread, its headers, and the upstream's time. */
export interface StreamAnswer {
  body: UpstreamResponse["body"];
  headers: UpstreamResponse["headers"];
  /** From the send until the response headers arrived. */
  timing: UpstreamTiming;
}

/** The content type a stream must come in (matched as a substring), and what to call it in an error. */
export interface StreamContentType {
  expected: string;
  what: string;
}

/**
 * The part every provider adapter over HTTP shares: its identity from the config, the connection
 * pool it closes, and reading and timing an answer. The adapter adds its type, how a request is
 * sent (`post`) and the ProviderAdapter calls.
 *
 * `Target` is what names an endpoint to `post`: a path for most, an operation for Bedrock.
 */
export abstract class HttpProviderAdapter<Options extends HttpAdapterOptions, Target = string> {
  readonly specificationVersion = PROVIDER_SPECIFICATION_VERSION;
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

  /** Sends the request; an error status is read and thrown as the upstream's error. */
  protected abstract post(target: Target, body: object, call: UpstreamCall): Promise<UpstreamResponse>;

  /** Sends the request and reads its JSON answer; a broken read or non-JSON body becomes the gateway error. */
  protected async postJson<T>(target: Target, body: object, call: UpstreamCall): Promise<JsonAnswer<T>> {
    const started = performance.now();
    const response = await this.post(target, body, call);
    const text = await readUpstreamText(response, this.name, call.abort);
    const upstreamMs = performance.now() - started;
    return {
      wire: parseUpstreamJson<T>(this.name, text),
      text,
      headers: response.headers,
      timing: { upstreamMs },
    };
  }

  /** Sends a streaming request; an answer in another content type is read and refused as a bad response. */
  protected async postStream(
    target: Target,
    body: object,
    call: UpstreamCall,
    contentType: StreamContentType,
  ): Promise<StreamAnswer> {
    const started = performance.now();
    const response = await this.post(target, body, call);
    const upstreamMs = performance.now() - started;
    await expectStreamContentType(response, this.name, call.abort, contentType.expected, contentType.what);
    return { body: response.body, headers: response.headers, timing: { upstreamMs } };
  }
}

/** The content type of a server-sent event stream. */
export const EVENT_STREAM: StreamContentType = { expected: "text/event-stream", what: "an event stream" };
