import { z } from "zod";
import { GatewayError } from "../../contract/errors.js";
import { definePlugin } from "../../contract/plugin.js";
import type { ChatContext } from "../../contract/request-context.js";
import { rewriteRequestText, rewriteResponseText } from "../guards/shared/chat-text.js";
import { inScope, pluginScopeSchema } from "../guards/shared/guard-scope.js";
import { askModel } from "./ask-model.js";

const stageSchema = z
  .object({
    /** What the model should do with the text, for example "Translate to English." */
    instruction: z.string().min(1),
    /** Request side only: which messages' text to rewrite. */
    roles: z
      .array(z.enum(["system", "developer", "user", "assistant", "tool"]))
      .min(1)
      .default(["user"]),
    /** Request side only: the last message with one of `roles` (one call), or every one of them. */
    messages: z.enum(["last", "all"]).default("last"),
  })
  .strict();

const optionsSchema = z
  .object({
    /** The rewriting model: a virtual model or provider/model. Called without plugins. */
    model: z.string().min(1),
    request: stageSchema.optional(),
    response: stageSchema.optional(),
    /** ms the rewriting call may take, per text. */
    timeoutMs: z.number().int().positive().default(15_000),
    /** On a failed rewrite: pass the original text on, or fail the request with transform_failed. */
    onError: z.enum(["pass", "fail"]).default("pass"),
    when: pluginScopeSchema.optional(),
  })
  .strict()
  .refine((options) => options.request || options.response, "set request, response or both");

const SUFFIX = "\n\nAnswer with the rewritten text only, without comments.";

/** llm-transform: a configured model rewrites the prompt before the upstream call and/or the answer after it. */
export const llmTransform = definePlugin({
  name: "llm-transform",
  apiVersion: 1,
  options: optionsSchema,
  create(options, services) {
    const buffered = new WeakSet<ChatContext>();

    async function rewrite(ctx: ChatContext, stage: "request" | "response", instruction: string, text: string) {
      if (text.trim().length === 0) return text;
      const started = performance.now();
      try {
        const rewritten = await askModel(services.models, {
          model: options.model,
          instruction: instruction + SUFFIX,
          text,
          timeoutMs: options.timeoutMs,
          signal: ctx.signal,
        });
        note(ctx, stage, { ms: Math.round(performance.now() - started) });
        return rewritten;
      } catch (error) {
        const reason = (error as Error).message;
        note(ctx, stage, { failed: reason });
        if (options.onError === "fail") {
          throw new GatewayError("transform_failed", `llm-transform could not rewrite the ${stage}: ${reason}.`, {
            cause: error,
          });
        }
        services.logger.warn("llm-transform passed the original text on", { stage, reason, requestId: ctx.requestId });
        return text;
      }
    }

    return {
      async onRequest(ctx) {
        if (!inScope(ctx, options.when)) return;
        const stage = options.request;
        if (stage) {
          const chosen = ctx.request.messages.filter((message) => stage.roles.includes(message.role));
          const targets = stage.messages === "last" ? chosen.slice(-1) : chosen;
          // Messages are rewritten in place, so a view holding only the chosen ones is enough.
          await rewriteRequestText({ ...ctx.request, messages: targets }, stage.roles, (text) =>
            rewrite(ctx, "request", stage.instruction, text),
          );
        }
        if (options.response && ctx.request.stream) {
          // The answer can only be rewritten whole: the upstream call is made without streaming
          // and the client gets the rewritten answer replayed as a stream.
          ctx.bufferStream();
          buffered.add(ctx);
        }
      },
      async onResponse(ctx) {
        const stage = options.response;
        if (!stage || !ctx.response || !inScope(ctx, options.when)) return;
        if (buffered.has(ctx)) ctx.logFields.llmTransformBufferedStream = true;
        const response = ctx.response;
        ctx.response = await rewriteResponseText(response, (text) => rewrite(ctx, "response", stage.instruction, text));
      },
    };
  },
});

function note(ctx: ChatContext, stage: "request" | "response", detail: Record<string, unknown>): void {
  const existing = ctx.logFields.llmTransform;
  const record = typeof existing === "object" && existing !== null ? (existing as Record<string, unknown>) : {};
  record[stage] = detail;
  ctx.logFields.llmTransform = record;
}
