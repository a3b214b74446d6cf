import type { ChatContext } from "./request-context.js";

type Writable<T> = { -readonly [Field in keyof T]: T[Field] };

/**
 * A chat request's context for unit tests of plugins: fresh state, a live signal, no key, and an
 * empty non-streamed request for model "m". Fields given replace those.
 */
export function testChatContext(fields: Partial<ChatContext> = {}): ChatContext {
  const ctx: Writable<ChatContext> = {
    endpoint: "chat",
    requestId: "r",
    dialect: "openai-chat",
    headers: {},
    signal: new AbortController().signal,
    state: new Map(),
    logFields: {},
    responseHeaders: {},
    metadata: {},
    request: { model: "m", messages: [], sampling: {}, stream: false, providerOptions: {} },
    streamBuffered: false,
    bufferStream() {
      if (ctx.request.stream) ctx.streamBuffered = true;
    },
  };
  return Object.assign(ctx, fields);
}
