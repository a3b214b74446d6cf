import { GatewayError, isGatewayError } from "../../contract/errors.js";
import { definePlugin, type PluginHooks } from "../../contract/plugin.js";
import { stateKey } from "../../contract/request-state.js";
import { DEFAULT_REWRITE_INSTRUCTIONS, messageText, rewriteQuery } from "../../rag/retrieval/rewrite-query.js";
import type { BuiltinPluginServices } from "../builtin-plugin-services.js";
import { injectContext, renderContext } from "./inject-context.js";
import { type RagOptions, ragOptionsSchema } from "./rag-options.js";
import { type RagSource, sourcesHeader, toSources } from "./rag-sources.js";
import { headerValue, parseFilterHeader, selectKnowledgeBases } from "./select-knowledge-bases.js";

/** The sources put into the prompt, for the response field. */
const SOURCES = stateKey<RagSource[]>("rag:sources");

/**
 * The built-in `rag` plugin: retrieves chunks relevant to the last user message from knowledge
 * bases and puts them into the prompt, for any model behind the gateway. The sources go back to
 * the client (header x-switchyard-rag-sources and/or the response field switchyard_rag_sources)
 * and into the log event (fields.ragSources).
 */
export const ragPlugin = definePlugin<RagOptions>({
  name: "rag",
  apiVersion: 1,
  options: ragOptionsSchema,
  create(options, services): PluginHooks {
    const knowledge = (services as Partial<BuiltinPluginServices>).knowledge;
    if (!knowledge) throw new Error("the rag plugin needs the gateway's knowledge bases (a built-in service)");
    for (const name of options.knowledgeBases) {
      if (!knowledge.has(name))
        services.logger.warn("rag: knowledge base does not exist (yet)", { knowledgeBase: name });
    }
    return {
      async onRequest(ctx) {
        const selection = selectKnowledgeBases(ctx, options, knowledge);
        if (selection.skipped.length > 0) ctx.logFields.ragSkipped = selection.skipped;
        if (selection.names.length === 0) return;
        const lastUser = ctx.request.messages.findLast((message) => message.role === "user");
        const question = lastUser ? messageText(lastUser) : "";
        if (!question) return;
        const requestFilter = options.allowRequestFilter
          ? parseFilterHeader(headerValue(ctx, "x-switchyard-rag-filter"))
          : {};
        const started = performance.now();
        try {
          let query = question;
          if (options.rewrite) {
            const signal = AbortSignal.any([ctx.signal, AbortSignal.timeout(options.rewrite.timeoutMs)]);
            const instructions = options.rewrite.instructions ?? DEFAULT_REWRITE_INSTRUCTIONS;
            query =
              (await rewriteQuery(
                services.models,
                options.rewrite.model,
                instructions,
                ctx.request.messages,
                signal,
              )) ?? question;
            ctx.logFields.ragQuery = query;
          }
          const chunks = await knowledge.search(
            selection.names,
            query,
            { ...options, filter: { ...options.filter, ...requestFilter } },
            (model, texts) => services.models.embed(model, texts, { signal: ctx.signal }),
          );
          const { text, used } = renderContext(chunks, options);
          const sources = toSources(chunks.slice(0, used));
          ctx.logFields.ragKnowledgeBases = selection.names;
          ctx.logFields.ragSources = sources;
          ctx.logFields.ragMs = Math.round((performance.now() - started) * 100) / 100;
          if (used === 0) return;
          ctx.request = injectContext(ctx.request, text, options.position);
          ctx.state.set(SOURCES, sources);
          if (options.sources === "header" || options.sources === "both") {
            ctx.responseHeaders["x-switchyard-rag-sources"] = sourcesHeader(sources);
          }
        } catch (error) {
          if (options.onError === "fail") {
            throw isGatewayError(error)
              ? error
              : new GatewayError("plugin_failed", `rag: retrieval failed: ${(error as Error).message}`);
          }
          ctx.logFields.ragError = (error as Error).message;
          services.logger.warn("rag: retrieval failed; answering without context", { error: (error as Error).message });
        }
      },
      onResponse(ctx) {
        const sources = ctx.state.get(SOURCES);
        if (!sources || !ctx.response || (options.sources !== "field" && options.sources !== "both")) return;
        ctx.response = {
          ...ctx.response,
          providerMetadata: { ...ctx.response.providerMetadata, switchyard_rag_sources: sources },
        };
      },
    };
  },
});
