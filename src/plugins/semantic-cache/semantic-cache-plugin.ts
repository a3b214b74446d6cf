import { randomBytes } from "node:crypto";
import type { MessageRole } from "../../contract/chat-message.js";
import type { ChatResponse } from "../../contract/chat-response.js";
import { definePlugin, type PluginServices } from "../../contract/plugin.js";
import type { ChatContext } from "../../contract/request-context.js";
import { stateKey } from "../../contract/request-state.js";
import { openSemanticStore } from "../../stores/cache/open-semantic-store.js";
import type { SemanticStore } from "../../stores/cache/semantic-store.js";
import { normalizeVector } from "../../stores/vector-index/vector-index.js";
import type { BuiltinPluginServices } from "../builtin-plugin-services.js";
import { CACHE_HEADER, CACHE_SIMILARITY_HEADER, markCacheStatus, readCacheControl } from "../cache/cache-control.js";
import { hashText, keyedChatRequest } from "../cache/cache-key.js";
import { cacheNamespace } from "../cache/cache-namespace.js";
import { isStorableResponse, uncacheableReason } from "../cache/cache-policy.js";
import type { CachePurger } from "../cache/cache-purger.js";
import { canonicalJson } from "../cache/canonical-json.js";
import { recordCostSaved } from "../cache/record-cost-saved.js";
import { endsWithToolResult, selectEmbeddedText } from "./select-embedded-text.js";
import { type SemanticCacheOptions, semanticCacheOptionsSchema } from "./semantic-cache-options.js";

const PLUGIN = "semantic-cache";

/** What a miss needs to store its answer. */
interface SemanticTicket {
  cacheNamespace: string;
  indexNamespace: string;
  vector: Float32Array;
  ttlSeconds: number;
}

const TICKET = stateKey<SemanticTicket>(PLUGIN);

/**
 * The built-in semantic cache: answers a question close enough in meaning to one answered
 * before, within the exact scope of everything that is not the embedded text.
 */
export const semanticCachePlugin = definePlugin<SemanticCacheOptions>({
  name: PLUGIN,
  apiVersion: 1,
  options: semanticCacheOptionsSchema,
  async create(options, services: PluginServices) {
    const { redis, storage } = services as BuiltinPluginServices;
    const store = await openSemanticStore(
      options.backend,
      {
        maxEntries: options.maxEntries,
        redisPrefix: options.redisPrefix,
        onError: (message, error) => services.logger.warn(message, { error: String(error) }),
      },
      { redis, storage },
    );
    const roles = new Set<MessageRole>(options.messages.roles);

    const finish = (ctx: ChatContext) => {
      const ticket = ctx.state.get(TICKET);
      const response = ctx.response;
      if (!ticket || !response || !isStorableResponse(response, options.policy)) return;
      setImmediate(() => {
        store
          .add({
            id: randomBytes(8).readBigUInt64BE() >> 1n,
            cacheNamespace: ticket.cacheNamespace,
            indexNamespace: ticket.indexNamespace,
            vector: ticket.vector,
            value: JSON.stringify(response),
            expiresAt: Date.now() + ticket.ttlSeconds * 1000,
          })
          .catch((error: unknown) => services.logger.warn("semantic cache store failed", { error: String(error) }));
      });
    };

    const plugin: CachePurger = {
      async onRequest(ctx) {
        const control = readCacheControl(ctx.headers);
        const read = control.read && options.mode !== "write-only";
        const write = control.write && options.mode !== "read-only";
        if ((!read && !write) || uncacheableReason(ctx.request, options.policy) !== undefined) {
          if (ctx.responseHeaders[CACHE_HEADER] === undefined) markCacheStatus(ctx, "bypass");
          return undefined;
        }
        if (endsWithToolResult(ctx.request)) {
          ctx.logFields.semanticCache = "skipped: tool result";
          return undefined;
        }
        const selection = selectEmbeddedText(ctx.request, options.messages.last, roles);
        if (!selection) return undefined;
        const namespace = cacheNamespace(options.namespace, ctx.auth);
        const scope = hashText(canonicalJson(keyedChatRequest(selection.scope)));
        const indexNamespace = `${options.embedder}\n${namespace}\n${scope}`;
        const vector = await embed(services, options, selection.text, ctx);
        if (!vector) return undefined;
        if (read) {
          const match = lookup(store, indexNamespace, vector, services);
          const threshold = options.thresholds[ctx.request.model] ?? options.threshold;
          if (match && match.similarity >= threshold) {
            const response = JSON.parse(match.entry.value) as ChatResponse;
            markCacheStatus(ctx, "semantic-hit", match.entry.id.toString());
            ctx.responseHeaders[CACHE_SIMILARITY_HEADER] = match.similarity.toFixed(4);
            ctx.logFields.cacheSimilarity = match.similarity;
            recordCostSaved(ctx, response);
            return { response };
          }
          if (match) ctx.logFields.cacheNearestSimilarity = match.similarity;
        }
        if (ctx.responseHeaders[CACHE_HEADER] === undefined) markCacheStatus(ctx, "miss");
        if (write) {
          const ttlSeconds = control.ttlSeconds ?? options.ttl;
          ctx.state.set(TICKET, { cacheNamespace: namespace, indexNamespace, vector, ttlSeconds });
        }
        return undefined;
      },
      onResponse: finish,
      onStreamEnd: finish,
      purgeCache: (selector) => store.purge(selector),
      close: () => store.close(),
    };
    return plugin;
  },
});

/** The embedding, or undefined (request goes on uncached) when the embedder fails or is slow. */
async function embed(
  services: PluginServices,
  options: SemanticCacheOptions,
  text: string,
  ctx: ChatContext,
): Promise<Float32Array | undefined> {
  const startedAt = performance.now();
  try {
    const signal = AbortSignal.any([ctx.signal, AbortSignal.timeout(options.timeoutMs)]);
    const [vector] = await services.models.embed(options.embedder, [text], { signal });
    ctx.logFields.cacheEmbeddingMs = Number((performance.now() - startedAt).toFixed(2));
    return vector && vector.length > 0 ? normalizeVector(vector) : undefined;
  } catch (error) {
    ctx.logFields.semanticCache = `skipped: embedding failed (${(error as Error).message})`;
    return undefined;
  }
}

function lookup(store: SemanticStore, indexNamespace: string, vector: Float32Array, services: PluginServices) {
  try {
    return store.nearest(indexNamespace, vector);
  } catch (error) {
    services.logger.warn("semantic cache lookup failed", { error: String(error) });
    return undefined;
  }
}
