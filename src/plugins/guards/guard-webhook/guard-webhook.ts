import { z } from "zod";
import { GatewayError } from "../../../contract/errors.js";
import { definePlugin } from "../../../contract/plugin.js";
import type { ChatContext } from "../../../contract/request-context.js";
import { WebhookClient } from "../../../outbound/webhook-client.js";
import { requestText, responseTexts } from "../shared/chat-text.js";
import { inScope, pluginScopeSchema } from "../shared/guard-scope.js";
import { recordVerdict } from "../shared/record-verdict.js";

const optionsSchema = z
  .object({
    /** Receives POST { requestId, on, model, text, metadata, keyId, projectId }; answers { action: "allow" | "block", reason? }. */
    url: z.url(),
    headers: z.record(z.string(), z.string()).default({}),
    on: z
      .array(z.enum(["request", "response"]))
      .min(1)
      .default(["request"]),
    roles: z
      .array(z.enum(["system", "developer", "user", "assistant", "tool"]))
      .min(1)
      .default(["user"]),
    timeoutMs: z.number().int().positive().default(5_000),
    /** When the service fails or answers nonsense: let the text through (open) or refuse (closed). */
    failMode: z.enum(["open", "closed"]).default("closed"),
    when: pluginScopeSchema.optional(),
  })
  .strict();

const answerSchema = z.object({ action: z.enum(["allow", "block"]), reason: z.string().optional() });

type Outcome = z.infer<typeof answerSchema> | { action: "unavailable"; reason: string };

/** guard-webhook: an external HTTP service judges the prompt or answer. */
export const guardWebhook = definePlugin({
  name: "guard-webhook",
  apiVersion: 1,
  options: optionsSchema,
  create(options) {
    const webhook = new WebhookClient(options.url);
    async function ask(ctx: ChatContext, on: "request" | "response", text: string): Promise<Outcome> {
      try {
        const response = await webhook.post(
          { "content-type": "application/json", ...options.headers },
          JSON.stringify({
            requestId: ctx.requestId,
            on,
            model: ctx.request.model,
            text,
            metadata: ctx.metadata,
            keyId: ctx.auth?.keyId,
            projectId: ctx.auth?.projectId,
          }),
          AbortSignal.any([ctx.signal, AbortSignal.timeout(options.timeoutMs)]),
        );
        const body = await response.body.text();
        if (response.statusCode < 200 || response.statusCode > 299) {
          return { action: "unavailable", reason: `the webhook answered ${response.statusCode}` };
        }
        const parsed = answerSchema.safeParse(JSON.parse(body));
        return parsed.success
          ? parsed.data
          : { action: "unavailable", reason: 'the webhook answer has no action "allow" or "block"' };
      } catch (error) {
        const reason = ctx.signal.aborted ? "the request was cancelled" : (error as Error).message;
        return { action: "unavailable", reason: `the webhook failed: ${reason}` };
      }
    }

    async function check(ctx: ChatContext, on: "request" | "response", text: string): Promise<void> {
      const outcome = await ask(ctx, on, text);
      const what = on === "request" ? "prompt" : "answer";
      if (outcome.action === "allow") {
        recordVerdict(ctx, { guard: "guard-webhook", rule: "webhook", action: "allow", on });
        return;
      }
      if (outcome.action === "block") {
        recordVerdict(ctx, { guard: "guard-webhook", rule: "webhook", action: "block", on, detail: outcome.reason });
        throw new GatewayError(
          "guardrail_blocked",
          `guard-webhook blocked the ${what}${outcome.reason ? `: ${outcome.reason}` : "."}`,
        );
      }
      if (options.failMode === "open") {
        recordVerdict(ctx, {
          guard: "guard-webhook",
          rule: "webhook",
          action: "fail-open",
          on,
          detail: outcome.reason,
        });
        return;
      }
      recordVerdict(ctx, { guard: "guard-webhook", rule: "webhook", action: "block", on, detail: outcome.reason });
      throw new GatewayError("guardrail_unavailable", `guard-webhook could not check the ${what}: ${outcome.reason}.`);
    }

    return {
      async onRequest(ctx) {
        if (!inScope(ctx, options.when)) return;
        // A whole answer is checked: the upstream call is made without streaming and replayed.
        if (options.on.includes("response")) ctx.bufferStream();
        if (options.on.includes("request")) await check(ctx, "request", requestText(ctx.request, options.roles));
      },
      async onResponse(ctx) {
        if (!options.on.includes("response") || !ctx.response || !inScope(ctx, options.when)) return;
        for (const text of responseTexts(ctx.response)) await check(ctx, "response", text);
      },
      // A reload makes a new instance; the old one's connections close once its requests are done.
      close: () => webhook.close(),
    };
  },
});
