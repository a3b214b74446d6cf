import type { ChatContext } from "../../src/contract/request-context.js";

/**
 * A chat request's context for unit tests of plugins and the pipeline: fresh state and a live
 * signal, no key, and an empty non-streamed request for model "m". Fields given replace those.
 */
export function testChatContext(fields: Partial<ChatContext> = {}): ChatContext {
  return {
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
    ...fields,
  };
}
