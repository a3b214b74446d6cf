import type { ChatResponse } from "../../contract/chat-response.js";
import type { RequestContextBase } from "../../contract/request-context.js";
import { SHIPPED_PRICES } from "../../telemetry/price-data.js";
import { costOf } from "../../telemetry/price-table.js";

/**
 * Puts what a cached answer saved into the log event: the tokens the upstream did not spend and,
 * when the answering model is in the shipped price table, their list price in USD. The cache does
 * not know which provider answered (a virtual model may have several), so the model's name picks it.
 */
export function recordCostSaved(ctx: RequestContextBase, response: ChatResponse): void {
  const usage = response.usage;
  if (!usage) return;
  ctx.logFields.cacheSavedInputTokens = usage.inputTokens;
  ctx.logFields.cacheSavedOutputTokens = usage.outputTokens;
  for (const provider of Object.keys(SHIPPED_PRICES)) {
    const cost = costOf(provider, response.model, usage);
    if (cost === undefined) continue;
    ctx.logFields.costSavedUsd = cost;
    return;
  }
}
