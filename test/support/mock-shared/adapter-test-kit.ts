// Shared by the adapter tests: a provider's parsed config, canonical requests and calls, and what
// a stream or the mock received, so each test file keeps only what is its provider's own.
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
