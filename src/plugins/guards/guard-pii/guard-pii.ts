import { z } from "zod";
import { GatewayError } from "../../../contract/errors.js";
import { definePlugin } from "../../../contract/plugin.js";
import type { ChatContext } from "../../../contract/request-context.js";
import { detectPii, PII_KINDS, type PiiKind, piiCut } from "../../../privacy/pii-detectors.js";
import { ALL_ROLES, rewriteRequestText, rewriteResponseText } from "../shared/chat-text.js";
import { inScope, pluginScopeSchema } from "../shared/guard-scope.js";
import { recordVerdict } from "../shared/record-verdict.js";
import { StreamTextWindow } from "../shared/stream-text-window.js";
import { PiiVault, placeholderCut } from "./pii-vault.js";

const optionsSchema = z
  .object({
    detect: z
      .array(z.enum(PII_KINDS))
      .min(1)
      .default([...PII_KINDS]),
    /** block: refuse; redact: replace with [KIND]; mask-and-restore: [KIND_n] upstream, originals back in the answer. */
    action: z.enum(["block", "redact", "mask-and-restore"]).default("redact"),
    roles: z
      .array(z.enum(["system", "developer", "user", "assistant", "tool"]))
      .min(1)
      .default([...ALL_ROLES]),
    /** With block or redact: also check answers (streams through a window across chunks). */
    scanAnswers: z.boolean().default(false),
    /** Characters of a streamed answer held back when scanning answers. */
    streamWindow: z.number().int().min(16).max(10_000).default(64),
    when: pluginScopeSchema.optional(),
  })
  .strict()
  .refine((options) => !(options.scanAnswers && options.action === "mask-and-restore"), {
    message: "scanAnswers works with block or redact (mask-and-restore puts the originals back)",
    path: ["scanAnswers"],
  });

type Side = "request" | "response";

/** guard-pii: finds personal data and secrets; blocks, redacts, or masks and restores. */
export const guardPii = definePlugin({
  name: "guard-pii",
  apiVersion: 1,
  options: optionsSchema,
  create(options) {
    const vaults = new WeakMap<ChatContext, PiiVault>();
    const windows = new WeakMap<ChatContext, StreamTextWindow>();
    const restoring = options.action === "mask-and-restore";

    const scrub = (ctx: ChatContext, vault: PiiVault, on: Side) => (text: string) => {
      const matches = detectPii(text, options.detect);
      if (matches.length === 0) return text;
      const kinds = new Set<PiiKind>(matches.map((match) => match.kind));
      if (options.action === "block") {
        for (const kind of kinds) recordVerdict(ctx, { guard: "guard-pii", rule: kind, action: "block", on });
        throw new GatewayError(
          "guardrail_blocked",
          `guard-pii blocked the ${on === "request" ? "prompt" : "answer"}: it contains ${[...kinds].join(", ")} data.`,
        );
      }
      for (const kind of kinds) {
        recordVerdict(ctx, { guard: "guard-pii", rule: kind, action: restoring ? "mask" : "redact", on });
      }
      let result = "";
      let position = 0;
      for (const match of matches) {
        const replacement = restoring ? vault.placeholderFor(match.kind, match.text) : `[${match.kind.toUpperCase()}]`;
        result += text.slice(position, match.start) + replacement;
        position = match.end;
      }
      return result + text.slice(position);
    };

    /** The stream step: restore placeholders, or scan answers through a window. */
    const windowFor = (ctx: ChatContext): StreamTextWindow | undefined => {
      const vault = vaults.get(ctx);
      if (vault) {
        return new StreamTextWindow((buffer, final) => {
          const cut = placeholderCut(buffer, final);
          return { emit: vault.restore(buffer.slice(0, cut)), keep: buffer.slice(cut) };
        });
      }
      if (!options.scanAnswers || !inScope(ctx, options.when)) return undefined;
      const answerScrub = scrub(ctx, new PiiVault(), "response");
      return new StreamTextWindow((buffer, final) => {
        const cut = piiCut(buffer, options.streamWindow, final, options.detect);
        // The whole buffer is checked so data reaching into the held-back tail still blocks.
        if (options.action === "block") answerScrub(buffer);
        return { emit: answerScrub(buffer.slice(0, cut)), keep: buffer.slice(cut) };
      });
    };

    return {
      async onRequest(ctx) {
        if (!inScope(ctx, options.when)) return;
        const vault = new PiiVault();
        await rewriteRequestText(ctx.request, options.roles, scrub(ctx, vault, "request"));
        if (restoring && vault.size > 0) vaults.set(ctx, vault);
      },
      async onResponse(ctx) {
        if (!ctx.response) return;
        const vault = vaults.get(ctx);
        if (vault) ctx.response = await rewriteResponseText(ctx.response, (text) => vault.restore(text));
        else if (options.scanAnswers && inScope(ctx, options.when)) {
          ctx.response = await rewriteResponseText(ctx.response, scrub(ctx, new PiiVault(), "response"));
        }
      },
      onStreamEvent(ctx, event) {
        let window = windows.get(ctx);
        if (!window) {
          window = windowFor(ctx);
          if (!window) return undefined;
          windows.set(ctx, window);
        }
        return window.handle(event);
      },
    };
  },
});
