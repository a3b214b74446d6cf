import { z } from "zod";
import { GatewayError } from "../../../contract/errors.js";
import { definePlugin } from "../../../contract/plugin.js";
import { lastUserText } from "../shared/chat-text.js";
import { inScope, pluginScopeSchema } from "../shared/guard-scope.js";
import { recordVerdict } from "../shared/record-verdict.js";
import { ExampleIndex } from "./example-index.js";

const optionsSchema = z
  .object({
    /** The embedding model: a virtual model or provider/model. */
    embeddingModel: z.string().min(1),
    /** Example prompts that must be refused; a prompt this similar to one is blocked. */
    deny: z.array(z.string().min(1)).default([]),
    /** Example prompts of allowed topics; when given, a prompt must be this similar to one. */
    allow: z.array(z.string().min(1)).default([]),
    /** Cosine similarity at or above which a prompt counts as like a deny example. */
    denyThreshold: z.number().min(-1).max(1).default(0.85),
    /** Cosine similarity a prompt needs with some allow example. */
    allowThreshold: z.number().min(-1).max(1).default(0.7),
    timeoutMs: z.number().int().positive().default(5_000),
    /** When the embedding call fails: let the prompt through (open) or refuse (closed). */
    failMode: z.enum(["open", "closed"]).default("closed"),
    when: pluginScopeSchema.optional(),
  })
  .strict()
  .refine((options) => options.deny.length > 0 || options.allow.length > 0, "give deny or allow examples");

/** guard-semantic: compares the prompt by embedding similarity with allowed and denied examples. */
export const guardSemantic = definePlugin({
  name: "guard-semantic",
  apiVersion: 1,
  options: optionsSchema,
  create(options, services) {
    // Examples are embedded on first use (models cannot be called while plugins start), once.
    let examples: Promise<{ deny: ExampleIndex; allow: ExampleIndex }> | undefined;
    const embedExamples = async () => {
      const texts = [...options.deny, ...options.allow];
      const vectors = await services.models.embed(options.embeddingModel, texts, {
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      const split = options.deny.length;
      return {
        deny: new ExampleIndex(options.deny, vectors.slice(0, split)),
        allow: new ExampleIndex(options.allow, vectors.slice(split)),
      };
    };

    return {
      async onRequest(ctx) {
        if (!inScope(ctx, options.when)) return;
        const prompt = lastUserText(ctx.request);
        if (prompt.trim().length === 0) return;
        let known: { deny: ExampleIndex; allow: ExampleIndex };
        let vector: number[];
        try {
          examples ??= embedExamples();
          known = await examples;
          const [embedded] = await services.models.embed(options.embeddingModel, [prompt], {
            signal: AbortSignal.any([ctx.signal, AbortSignal.timeout(options.timeoutMs)]),
          });
          if (!embedded) throw new Error("the embedding model returned no vector");
          vector = embedded;
        } catch (error) {
          examples = undefined;
          const reason = (error as Error).message;
          if (options.failMode === "open") {
            recordVerdict(ctx, {
              guard: "guard-semantic",
              rule: "embedding",
              action: "fail-open",
              on: "request",
              detail: reason,
            });
            return;
          }
          throw new GatewayError("guardrail_unavailable", `guard-semantic could not embed the prompt: ${reason}`);
        }
        const denied = known.deny.nearest(vector);
        if (denied && denied.score >= options.denyThreshold) {
          recordVerdict(ctx, {
            guard: "guard-semantic",
            rule: denied.text,
            action: "block",
            on: "request",
            detail: `similarity ${denied.score.toFixed(3)}`,
          });
          throw new GatewayError(
            "guardrail_blocked",
            `guard-semantic blocked the prompt: it is like the denied example "${denied.text}" (similarity ${denied.score.toFixed(2)}).`,
          );
        }
        if (options.allow.length > 0) {
          const allowed = known.allow.nearest(vector);
          if (!allowed || allowed.score < options.allowThreshold) {
            recordVerdict(ctx, {
              guard: "guard-semantic",
              rule: "allow",
              action: "block",
              on: "request",
              detail: `best similarity ${allowed?.score.toFixed(3) ?? "none"}`,
            });
            throw new GatewayError(
              "guardrail_blocked",
              "guard-semantic blocked the prompt: it is not like any of the allowed examples.",
            );
          }
          recordVerdict(ctx, { guard: "guard-semantic", rule: allowed.text, action: "allow", on: "request" });
        }
      },
    };
  },
});
