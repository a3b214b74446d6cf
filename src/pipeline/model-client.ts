import { AbortScope } from "../outbound/abort-scope.js";
import { callChat, callEmbeddings } from "../router/call-targets.js";
import type { ChatRequest } from "../spec/chat-request.js";
import type { ChatResponse } from "../spec/chat-response.js";
import type { ModelClient } from "../spec/plugin.js";
import { type ChatRuntime, routerContext } from "./run-chat.js";

/**
 * The ModelClient plugins get: requests go through routing (retries, fallbacks, breakers) but
 * not through plugins, so a plugin calling a model never recurses into itself.
 */
export function createModelClient(runtime: () => ChatRuntime): ModelClient {
  let counter = 0;
  const context = (signal: AbortSignal | undefined) =>
    routerContext(
      { requestId: `plugin-${Date.now().toString(36)}-${counter++}` },
      runtime(),
      signal ?? new AbortScope(),
    );
  return {
    async chat(request: ChatRequest, options = {}): Promise<ChatResponse> {
      const current = runtime();
      const plan = current.routes.resolve(request.model);
      const routed = await callChat(plan, Object.assign({}, request, { stream: false }), context(options.signal));
      return routed.result.response;
    },
    async embed(model: string, input: string[], options = {}): Promise<number[][]> {
      const current = runtime();
      const plan = current.routes.resolve(model);
      const routed = await callEmbeddings(
        plan,
        { model, input, encodingFormat: "float", providerOptions: {} },
        context(options.signal),
      );
      return routed.result.response.embeddings;
    },
  };
}
