import type { ChatResponse } from "../../contract/chat-response.js";
import type { EmbeddingResponse } from "../../contract/embedding.js";
import { definePlugin, type PluginServices } from "../../contract/plugin.js";
import type { ChatContext, EmbeddingContext, RequestContextBase } from "../../contract/request-context.js";
import { stateKey } from "../../contract/request-state.js";
import type { CacheStore } from "../../stores/cache/cache-store.js";
import { openCacheStore } from "../../stores/cache/open-cache-store.js";
import type { BuiltinPluginServices } from "../builtin-plugin-services.js";
import { type CacheControl, markCacheStatus, readCacheControl } from "./cache-control.js";
import { chatCacheKey, embeddingCacheKey } from "./cache-key.js";
import { cacheNamespace } from "./cache-namespace.js";
import { type CacheOptions, cacheOptionsSchema } from "./cache-options.js";
import { isStorableResponse, uncacheableReason } from "./cache-policy.js";
import type { CachePurger } from "./cache-purger.js";
import { recordCostSaved } from "./record-cost-saved.js";
import { RequestCoalescer } from "./request-coalescer.js";

const PLUGIN = "cache";

/** What onRequest found out, for the response hooks. */
interface CacheTicket {
  namespace: string;
  key: string;
  control: CacheControl;
  /** Set when this request leads a coalesced flight. */
  flight?: string;
}

const TICKET = stateKey<CacheTicket>(PLUGIN);

/** The built-in exact cache: answers a request that was answered before, byte for byte the same question. */
export const cachePlugin = definePlugin<CacheOptions>({
  name: PLUGIN,
  apiVersion: 1,
  options: cacheOptionsSchema,
  async create(options, services: PluginServices) {
    const builtin = services as BuiltinPluginServices;
    const store = await openCacheStore(options.backend, options, options.redisPrefix, builtin);
    const coalescer = new RequestCoalescer<ChatResponse>();
    /** Leaders by request id, so a request that ends in any way releases its waiters. */
    const leaders = new Map<string, string>();

    const release = (requestId: string, answer: ChatResponse | undefined) => {
      const flight = leaders.get(requestId);
      if (flight === undefined) return;
      leaders.delete(requestId);
      coalescer.settle(flight, requestId, answer);
    };

    const storeLater = (ticket: CacheTicket, value: unknown) => {
      // After the response is on its way: a slow or failing store never delays or fails a request.
      setImmediate(() => {
        store
          .set(ticket.namespace, ticket.key, JSON.stringify(value), ticket.control.ttlSeconds ?? options.ttl)
          .catch((error: unknown) => services.logger.warn("cache store failed", { error: String(error) }));
      });
    };

    const finishChat = (ctx: ChatContext) => {
      const ticket = ctx.state.get(TICKET);
      if (!ticket) return;
      const response = ctx.response && isStorableResponse(ctx.response, options.policy) ? ctx.response : undefined;
      if (response && ticket.control.write) storeLater(ticket, response);
      release(ctx.requestId, response);
    };

    const plugin: CachePurger = {
      async onRequest(ctx) {
        const control = readCacheControl(ctx.headers);
        const reason = uncacheableReason(ctx.request, options.policy);
        if (reason !== undefined || (!control.read && !control.write)) {
          markCacheStatus(ctx, "bypass");
          return undefined;
        }
        const ticket: CacheTicket = {
          namespace: cacheNamespace(options.namespace, ctx.auth),
          key: chatCacheKey(ctx.request, options.key),
          control,
        };
        ctx.state.set(TICKET, ticket);
        if (control.read) {
          const cached = await lookup<ChatResponse>(store, ticket, ctx, services);
          if (cached) return { response: answerFromCache(ctx, ticket, cached) };
          if (options.coalesce) {
            const flight = `${ticket.namespace}\n${ticket.key}`;
            const waiting = coalescer.join(flight, ctx.requestId, options.coalesceTimeoutMs);
            if (waiting) {
              const answer = await waiting;
              if (answer) {
                ctx.logFields.cacheCoalesced = true;
                return { response: answerFromCache(ctx, ticket, answer) };
              }
            } else {
              ticket.flight = flight;
              leaders.set(ctx.requestId, flight);
              ctx.signal.addEventListener("abort", () => release(ctx.requestId, undefined), { once: true });
            }
          }
        }
        markCacheStatus(ctx, "miss", ticket.key);
        return undefined;
      },
      onResponse: finishChat,
      onStreamEnd: finishChat,
      onError(ctx) {
        release(ctx.requestId, undefined);
      },
      onLog(event) {
        release(event.requestId, undefined);
      },
      async onEmbeddingRequest(ctx) {
        if (!options.embeddings) return undefined;
        const control = readCacheControl(ctx.headers);
        if (!control.read && !control.write) {
          markCacheStatus(ctx, "bypass");
          return undefined;
        }
        const ticket: CacheTicket = {
          namespace: cacheNamespace(options.namespace, ctx.auth),
          key: embeddingCacheKey(ctx.request),
          control,
        };
        ctx.state.set(TICKET, ticket);
        const cached = control.read ? await lookup<EmbeddingResponse>(store, ticket, ctx, services) : undefined;
        if (cached) {
          markCacheStatus(ctx, "hit", ticket.key);
          return { response: cached };
        }
        markCacheStatus(ctx, "miss", ticket.key);
        return undefined;
      },
      onEmbeddingResponse(ctx: EmbeddingContext) {
        const ticket = ctx.state.get(TICKET);
        if (ticket?.control.write && ctx.response) storeLater(ticket, ctx.response);
      },
      purgeCache: (selector) => store.purge(selector),
      close: () => store.close(),
    };
    return plugin;
  },
});

function answerFromCache(ctx: ChatContext, ticket: CacheTicket, response: ChatResponse): ChatResponse {
  markCacheStatus(ctx, "hit", ticket.key);
  recordCostSaved(ctx, response);
  return response;
}

/** A failing or unreachable store means "not cached", never a failed request. */
async function lookup<Value>(
  store: CacheStore,
  ticket: CacheTicket,
  ctx: RequestContextBase,
  services: PluginServices,
): Promise<Value | undefined> {
  try {
    const value = await store.get(ticket.namespace, ticket.key);
    return value === undefined ? undefined : (JSON.parse(value) as Value);
  } catch (error) {
    services.logger.warn("cache lookup failed", { error: String(error), requestId: ctx.requestId });
    return undefined;
  }
}
