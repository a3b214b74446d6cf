import type { ChatRequest } from "../contract/chat-request.js";
import type { ChatResponse } from "../contract/chat-response.js";
import type { ModelClient } from "../contract/plugin.js";
import { AbortScope } from "../outbound/abort-scope.js";
import { followAbort } from "../outbound/follow-abort.js";
import { callChat, callEmbeddings } from "../router/call-targets.js";
import { type ChatRuntime, routerContext } from "./run-chat.js";

/**
 * The ModelClient plugins get: requests go through routing (retries, fallbacks, breakers) but
 * not through plugins, so a plugin calling a model never recurses into itself.
 */
export function createModelClient(runtime: () => ChatRuntime): ModelClient {
  let counter = 0;
  const context = (scope: AbortScope) =>
    routerContext({ requestId: `plugin-${Date.now().toString(36)}-${counter++}` }, runtime(), scope);
  return {
    chat(request: ChatRequest, options = {}): Promise<ChatResponse> {
      return whileFollowing(options.signal, async (scope) => {
        const plan = runtime().routes.resolve(request.model);
        const routed = await callChat(plan, { ...request, stream: false }, context(scope));
        return routed.result.response;
      });
    },
    embed(model: string, input: string[], options = {}): Promise<number[][]> {
      return whileFollowing(options.signal, async (scope) => {
        const plan = runtime().routes.resolve(model);
        const routed = await callEmbeddings(
          plan,
          { model, input, encodingFormat: "float", providerOptions: {} },
          context(scope),
        );
        return routed.result.response.embeddings;
      });
    },
  };
}

/**
 * Runs one call under an abort scope of its own, which follows the caller's signal only while the
 * call runs. The router's attempts follow that scope and never let go of it (a stream may outlive
 * its attempt), so a signal a plugin keeps for many calls (its own shutdown signal, say) would
 * otherwise gather one listener per call ever made.
 */
async function whileFollowing<T>(signal: AbortSignal | undefined, call: (scope: AbortScope) => Promise<T>): Promise<T> {
  const scope = new AbortScope();
  const unfollow = signal ? followAbort(signal, (reason) => scope.abort(reason)) : undefined;
  try {
    return await call(scope);
  } finally {
    unfollow?.();
  }
}
