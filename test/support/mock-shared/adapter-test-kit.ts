// Shared by the adapter tests: a provider's parsed config, canonical requests and calls, and what
// a stream or the mock received, so each test file keeps only what is its provider's own.

import { afterAll, afterEach, beforeAll } from "vitest";
import { configSchema, type ProviderConfigOf, type ProviderType } from "../../../src/config/schema.js";
import type { ChatMessage } from "../../../src/contract/chat-message.js";
import type { ChatRequest } from "../../../src/contract/chat-request.js";
import type { EmbeddingRequest } from "../../../src/contract/embedding.js";
import type { CallAbort, ProviderAdapter, UpstreamCall } from "../../../src/contract/provider-adapter.js";
import type { StreamEvent } from "../../../src/contract/stream-event.js";
import { AbortScope } from "../../../src/outbound/abort-scope.js";
import type { MockUpstream } from "./recording-server.js";

/** The config entry of a provider of `type` (named after it), as the config schema parses it. */
export function providerConfigOf<Type extends ProviderType>(
  type: Type,
  fields: Record<string, unknown>,
): ProviderConfigOf<Type> {
  const config = configSchema.parse({ providers: { [type]: { type, ...fields } } }).providers[type];
  if (config?.type !== type) throw new Error("no provider config");
  return config as ProviderConfigOf<Type>;
}

export function userSays(text: string): ChatMessage {
  return { role: "user", content: [{ type: "text", text }] };
}

/** A plain chat request for `model` ("Hi", no sampling), with `fields` over it. */
export function chatRequestFor(model: string, fields: Partial<ChatRequest> = {}): ChatRequest {
  return {
    model,
    messages: [userSays("Hi")],
    sampling: {},
    stream: false,
    providerOptions: {},
    ...fields,
  };
}

/** An embedding request for `model` of the texts "a" and "b", as floats, with `fields` over it. */
export function embeddingRequestFor(model: string, fields: Partial<EmbeddingRequest> = {}): EmbeddingRequest {
  return { model, input: ["a", "b"], encodingFormat: "float", providerOptions: {}, ...fields };
}

export function upstreamCall(upstreamModel: string, abort: CallAbort = new AbortScope()): UpstreamCall {
  return { upstreamModel, abort, requestId: "req-test" };
}

/** Every event of a stream the adapter opens for the request. */
export async function streamEventsOf(
  adapter: ProviderAdapter,
  request: ChatRequest,
  call: UpstreamCall,
): Promise<StreamEvent[]> {
  const result = await adapter.chatStream(request, call);
  const events: StreamEvent[] = [];
  for await (const chunk of result.chunks) events.push(...chunk.events);
  return events;
}

/** The JSON body of the last request the mock received. */
export function sentBodyOf(mock: MockUpstream): Record<string, unknown> {
  const body = mock.lastRequest()?.body;
  if (typeof body !== "object" || body === null) throw new Error("the mock received no JSON body");
  return body as Record<string, unknown>;
}

/** The text a stream's text deltas add up to. */
export function textOf(events: StreamEvent[]): string {
  return events.map((event) => (event.type === "text-delta" ? event.text : "")).join("");
}

/** An adapter built against a mock started for one test file, with the file's shorthands. */
export interface AdapterAgainstMock {
  readonly adapter: ProviderAdapter;
  readonly mock: MockUpstream;
  call(upstreamModel?: string, abort?: CallAbort): UpstreamCall;
  request(fields?: Partial<ChatRequest>): ChatRequest;
  streamEvents(request: ChatRequest, upstreamModel?: string): Promise<StreamEvent[]>;
  sentBody(): Record<string, unknown>;
}

/**
 * Starts the mock before the file's tests, builds the adapter against it, resets the mock after
 * each test and closes both at the end. `routedModel` is the client's `provider/model` name.
 */
export function adapterAgainstMock(options: {
  startMock: () => Promise<MockUpstream>;
  createAdapter: (mock: MockUpstream) => ProviderAdapter;
  upstreamModel: string;
  routedModel: string;
}): AdapterAgainstMock {
  let mock: MockUpstream | undefined;
  let adapter: ProviderAdapter | undefined;
  beforeAll(async () => {
    mock = await options.startMock();
    adapter = options.createAdapter(mock);
  });
  afterEach(() => mock?.reset());
  afterAll(async () => {
    await adapter?.close();
    await mock?.close();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error("the mock and adapter start in beforeAll");
    return value;
  };
  const suite: AdapterAgainstMock = {
    get adapter() {
      return started(adapter);
    },
    get mock() {
      return started(mock);
    },
    call: (upstreamModel = options.upstreamModel, abort) => upstreamCall(upstreamModel, abort),
    request: (fields = {}) => chatRequestFor(options.routedModel, fields),
    streamEvents: (request, upstreamModel) => streamEventsOf(suite.adapter, request, suite.call(upstreamModel)),
    sentBody: () => sentBodyOf(suite.mock),
  };
  return suite;
}
