import type { RequestContextBase } from "../../../contract/request-context.js";

/** One guard decision, as it appears in the log event's `guardrails` field. */
export interface GuardVerdict {
  guard: string;
  /** The rule that decided: a pattern, a PII kind, a policy, an example. */
  rule: string;
  action: "block" | "redact" | "mask" | "allow" | "flag" | "retry" | "fail-open";
  /** Whether the prompt or the answer was judged. */
  on: "request" | "response";
  detail?: string;
}

/** Adds a verdict to ctx.logFields.guardrails, an array shared by every guard. */
export function recordVerdict(ctx: RequestContextBase, verdict: GuardVerdict): void {
  const existing = ctx.logFields.guardrails;
  if (Array.isArray(existing)) existing.push(verdict);
  else ctx.logFields.guardrails = [verdict];
}
