import { z } from "zod";
import { GatewayError } from "../../../contract/errors.js";
import { definePlugin } from "../../../contract/plugin.js";
import type { ChatContext } from "../../../contract/request-context.js";
import { requestText, responseTexts, rewriteRequestText, rewriteResponseText } from "../shared/chat-text.js";
import { inScope, pluginScopeSchema } from "../shared/guard-scope.js";
import { recordVerdict } from "../shared/record-verdict.js";
import { globalOf, StreamTextWindow, safeCut } from "../shared/stream-text-window.js";

const optionsSchema = z
  .object({
    /** Patterns that must not appear (JavaScript regular expressions). */
    deny: z.array(z.string().min(1)).default([]),
    /** When given, the prompt must match at least one of these (requests only). */
    allow: z.array(z.string().min(1)).default([]),
    ignoreCase: z.boolean().default(false),
    /** block: refuse with guardrail_blocked; redact: replace each match with `replacement`. */
    action: z.enum(["block", "redact"]).default("block"),
    replacement: z.string().default("[REDACTED]"),
    /** Check the prompt, the answer, or both. */
    on: z
      .array(z.enum(["request", "response"]))
      .min(1)
      .default(["request", "response"]),
    roles: z
      .array(z.enum(["system", "developer", "user", "assistant", "tool"]))
      .min(1)
      .default(["user"]),
    /** Characters of a streamed answer held back so a match split across chunks is caught whole. */
    streamWindow: z.number().int().min(1).max(10_000).default(128),
    when: pluginScopeSchema.optional(),
  })
  .strict()
  .superRefine((options, issues) => {
    for (const [field, patterns] of [
      ["deny", options.deny],
      ["allow", options.allow],
    ] as const) {
      for (const [index, pattern] of patterns.entries()) {
        try {
          new RegExp(pattern, "u");
        } catch (error) {
          issues.addIssue({ code: "custom", path: [field, index], message: (error as Error).message });
        }
      }
    }
  });

interface Rule {
  source: string;
  pattern: RegExp;
}

/** guard-regex: deny (or require) patterns in prompts and answers; block or redact. */
export const guardRegex = definePlugin({
  name: "guard-regex",
  apiVersion: 1,
  options: optionsSchema,
  create(options) {
    const flags = options.ignoreCase ? "giu" : "gu";
    const deny: Rule[] = options.deny.map((source) => ({ source, pattern: new RegExp(source, flags) }));
    const allow = options.allow.map((source) => new RegExp(source, options.ignoreCase ? "iu" : "u"));
    const checksRequest = options.on.includes("request");
    const checksResponse = options.on.includes("response");
    const windows = new WeakMap<ChatContext, StreamTextWindow>();

    const firstDenied = (text: string): Rule | undefined =>
      deny.find((rule) => {
        rule.pattern.lastIndex = 0;
        return rule.pattern.test(text);
      });
    const blocked = (rule: Rule, on: "request" | "response") =>
      new GatewayError(
        "guardrail_blocked",
        `guard-regex blocked the ${on === "request" ? "prompt" : "answer"}: it matches the denied pattern /${rule.source}/.`,
      );
    const redact = (ctx: ChatContext, on: "request" | "response") => (text: string) => {
      let result = text;
      for (const rule of deny) {
        const next = result.replace(globalOf(rule.pattern), options.replacement);
        if (next !== result) recordVerdict(ctx, { guard: "guard-regex", rule: rule.source, action: "redact", on });
        result = next;
      }
      return result;
    };
    /** Checks the text as one piece; throws when blocking, returns the redacted text otherwise. */
    const apply = (ctx: ChatContext, text: string, on: "request" | "response"): string => {
      if (options.action === "redact") return redact(ctx, on)(text);
      const rule = firstDenied(text);
      if (rule) {
        recordVerdict(ctx, { guard: "guard-regex", rule: rule.source, action: "block", on });
        throw blocked(rule, on);
      }
      return text;
    };

    return {
      async onRequest(ctx) {
        if (!inScope(ctx, options.when) || !checksRequest) return;
        const prompt = requestText(ctx.request, options.roles);
        if (allow.length > 0 && !allow.some((pattern) => pattern.test(prompt))) {
          recordVerdict(ctx, { guard: "guard-regex", rule: "allow", action: "block", on: "request" });
          throw new GatewayError(
            "guardrail_blocked",
            "guard-regex blocked the prompt: it matches none of the allowed patterns.",
          );
        }
        if (options.action === "block") apply(ctx, prompt, "request");
        else await rewriteRequestText(ctx.request, options.roles, redact(ctx, "request"));
      },
      async onResponse(ctx) {
        if (!inScope(ctx, options.when) || !checksResponse || !ctx.response) return;
        if (options.action === "block") for (const text of responseTexts(ctx.response)) apply(ctx, text, "response");
        else ctx.response = await rewriteResponseText(ctx.response, redact(ctx, "response"));
      },
      onStreamEvent(ctx, event) {
        if (!checksResponse || deny.length === 0 || !inScope(ctx, options.when)) return undefined;
        let window = windows.get(ctx);
        if (!window) {
          const patterns = deny.map((rule) => rule.pattern);
          window = new StreamTextWindow((buffer, final) => {
            const cut = safeCut(buffer, options.streamWindow, final, patterns);
            // The whole buffer is checked so a match reaching into the held-back tail still blocks.
            if (options.action === "block") apply(ctx, buffer, "response");
            return { emit: apply(ctx, buffer.slice(0, cut), "response"), keep: buffer.slice(cut) };
          });
          windows.set(ctx, window);
        }
        return window.handle(event);
      },
    };
  },
});
