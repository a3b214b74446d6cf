import { z } from "zod";
import { GatewayError } from "../../../contract/errors.js";
import { definePlugin } from "../../../contract/plugin.js";
import type { ChatContext } from "../../../contract/request-context.js";
import { askModel } from "../../llm-transform/ask-model.js";
import { requestText, responseTexts } from "../shared/chat-text.js";
import { inScope, pluginScopeSchema } from "../shared/guard-scope.js";
import { recordVerdict } from "../shared/record-verdict.js";
import { JUDGE_INSTRUCTION, type JudgeVerdict, parseJudgeAnswer } from "./judge-verdict.js";

const optionsSchema = z
  .object({
    /** The judge: a virtual model or provider/model, called without plugins. */
    model: z.string().min(1),
    /** What is not allowed, in plain words. */
    policy: z.string().min(1),
    /** Judge the prompt, the answer, or both. */
    on: z
      .array(z.enum(["request", "response"]))
      .min(1)
      .default(["request"]),
    /** before: judge, then call the upstream; parallel: both at once, the upstream call is cancelled on deny. */
    mode: z.enum(["before", "parallel"]).default("before"),
    roles: z
      .array(z.enum(["system", "developer", "user", "assistant", "tool"]))
      .min(1)
      .default(["user"]),
    timeoutMs: z.number().int().positive().default(10_000),
    /** When the judge fails or answers nonsense: let the request through (open) or refuse it (closed). */
    failMode: z.enum(["open", "closed"]).default("closed"),
    when: pluginScopeSchema.optional(),
  })
  .strict();

/** guard-llm: a judge model decides whether a prompt or answer breaks a policy. */
export const guardLlm = definePlugin({
  name: "guard-llm",
  apiVersion: 1,
  options: optionsSchema,
  create(options, services) {
    const instruction = JUDGE_INSTRUCTION.replace("{policy}", options.policy);
    const pending = new WeakMap<ChatContext, Promise<GatewayError | undefined>>();
    const buffered = new WeakSet<ChatContext>();

    async function judge(ctx: ChatContext, text: string): Promise<JudgeVerdict> {
      try {
        const answer = await askModel(services.models, {
          model: options.model,
          instruction,
          text,
          timeoutMs: options.timeoutMs,
          signal: ctx.signal,
        });
        return parseJudgeAnswer(answer);
      } catch (error) {
        return { decision: "unavailable", reason: (error as Error).message };
      }
    }

    /** The error to refuse with, or undefined to let the text through; records the verdict. */
    function decide(ctx: ChatContext, on: "request" | "response", verdict: JudgeVerdict): GatewayError | undefined {
      const what = on === "request" ? "prompt" : "answer";
      if (verdict.decision === "allow") {
        recordVerdict(ctx, { guard: "guard-llm", rule: "policy", action: "allow", on });
        return undefined;
      }
      if (verdict.decision === "deny") {
        recordVerdict(ctx, { guard: "guard-llm", rule: "policy", action: "block", on, detail: verdict.reason });
        return new GatewayError("guardrail_blocked", `guard-llm blocked the ${what}: ${verdict.reason}`);
      }
      if (options.failMode === "open") {
        recordVerdict(ctx, { guard: "guard-llm", rule: "judge", action: "fail-open", on, detail: verdict.reason });
        return undefined;
      }
      recordVerdict(ctx, { guard: "guard-llm", rule: "judge", action: "block", on, detail: verdict.reason });
      return new GatewayError("guardrail_unavailable", `guard-llm could not judge the ${what}: ${verdict.reason}`);
    }

    async function awaitPending(ctx: ChatContext): Promise<void> {
      const refusal = await pending.get(ctx);
      if (refusal) throw refusal;
    }

    return {
      async onRequest(ctx) {
        if (!inScope(ctx, options.when)) return;
        if (options.on.includes("response") && ctx.request.stream) {
          // A whole answer is judged: the upstream call is made without streaming and replayed.
          ctx.bufferStream();
          buffered.add(ctx);
        }
        if (!options.on.includes("request")) return;
        const prompt = requestText(ctx.request, options.roles);
        if (options.mode === "before") {
          const refusal = decide(ctx, "request", await judge(ctx, prompt));
          if (refusal) throw refusal;
          return;
        }
        const verdict = judge(ctx, prompt).then((result) => {
          const refusal = decide(ctx, "request", result);
          // Stops the upstream call still in flight; the client gets the refusal.
          if (refusal) ctx.abort?.(refusal);
          return refusal;
        });
        pending.set(ctx, verdict);
      },
      async onStreamStart(ctx) {
        await awaitPending(ctx);
      },
      async onResponse(ctx) {
        await awaitPending(ctx);
        if (!options.on.includes("response") || !ctx.response || !inScope(ctx, options.when)) return;
        if (buffered.has(ctx)) ctx.logFields.guardLlmBufferedStream = true;
        for (const text of responseTexts(ctx.response)) {
          if (text.trim().length === 0) continue;
          const refusal = decide(ctx, "response", await judge(ctx, text));
          if (refusal) throw refusal;
        }
      },
    };
  },
});
