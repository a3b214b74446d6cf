import type { SwitchyardConfig } from "../../config/schema.js";
import type { LogEvent } from "../../contract/log-event.js";
import type { Plugin, PluginLogger } from "../../contract/plugin.js";
import type { RequestContext } from "../../contract/request-context.js";
import { stateKey } from "../../contract/request-state.js";
import { countTokens } from "../../privacy/count-tokens.js";
import { admissionChecks, type RequestEstimate, type Scope } from "../limits/admission-checks.js";
import { admitRequest, type Reservation } from "../limits/admit-request.js";
import { BudgetAlerts } from "../limits/budget-alerts.js";
import { settleRequest } from "../limits/settle-request.js";
import { type StreamBudgetWatch, watchStreamBudget } from "../limits/stream-budget-watch.js";
import { type Authenticated, authenticate } from "./authenticate.js";
import type { GatewayKeys } from "./gateway-keys.js";
import { estimateChat, estimateEmbeddings, providerType } from "./request-estimate.js";

const WATCH = stateKey<StreamBudgetWatch>("keys:stream-budget");

/**
 * The built-in "keys" plugin, always first in the global chain: verifies the gateway key,
 * then admits the request against its key's and project's limits and budgets
 * (reserve-then-settle). Settlement runs on the request's log event, which every request
 * gets once after its last byte, whatever happened: success, error, client gone or a plugin's answer.
 */
export function createKeysPlugin(keys: GatewayKeys, config: SwitchyardConfig, logger: PluginLogger): Plugin {
  // Reservations waiting for their request's log event; a list, as clients may reuse request ids.
  const pending = new Map<string, Reservation[]>();
  const budgetAlerts = keys.auth.budgetAlert ? new BudgetAlerts(keys.auth.budgetAlert, logger) : undefined;

  const admit = async (ctx: RequestContext, authenticated: Authenticated, estimate: RequestEstimate) => {
    ctx.auth = authenticated.auth;
    // The key's metadata wins over the client's: a client must not pose as another team.
    Object.assign(ctx.metadata, authenticated.auth.metadata);
    const { key, project } = authenticated.verified;
    const scopes: Scope[] = [{ kind: "key", id: key.id, name: key.name, limits: key.limits, budget: key.budget }];
    if (project) {
      scopes.push({
        kind: "project",
        id: project.id,
        name: project.name,
        limits: project.limits,
        budget: project.budget,
      });
    }
    const checks = admissionChecks(scopes, estimate, new Date());
    if (checks.length === 0) return undefined;
    const admission = await admitRequest(keys.counters, checks);
    Object.assign(ctx.responseHeaders, admission.headers);
    if (admission.shadowRefusal) {
      ctx.logFields.shadowRefusal = admission.shadowRefusal;
      logger.warn("a shadow limit would have refused this request", {
        requestId: ctx.requestId,
        reason: admission.shadowRefusal,
      });
    }
    const waiting = pending.get(ctx.requestId);
    if (waiting) waiting.push(admission.reservation);
    else pending.set(ctx.requestId, [admission.reservation]);
    return admission;
  };

  const settle = async (event: LogEvent) => {
    const waiting = pending.get(event.requestId);
    const reservation = waiting?.shift();
    if (!reservation) return;
    if (waiting?.length === 0) pending.delete(event.requestId);
    const failedBeforeUpstream = !event.usage && event.status >= 400 && event.status !== 499;
    const tokens = event.usage
      ? event.usage.inputTokens + event.usage.outputTokens
      : failedBeforeUpstream
        ? 0
        : undefined;
    // No provider: nothing was sent upstream (a plugin's answer such as a cache hit, or a
    // failure before routing), so nothing was spent.
    const usd =
      event.usage && event.provider && event.upstreamModel
        ? keys.prices.costOf(providerType(config, event.provider), event.upstreamModel, event.usage)
        : failedBeforeUpstream || !event.provider
          ? 0
          : undefined;
    await settleRequest(keys.counters, reservation, { tokens, usd });
    await budgetAlerts?.afterSettlement(keys.counters, reservation);
  };

  const plugin: Plugin = {
    name: "keys",
    async onRequest(ctx) {
      const authenticated = await authenticate(keys, ctx.headers, "chat", ctx.request.model);
      if (!authenticated) return;
      const estimate = estimateChat(config, keys.prices, ctx.request, keys.auth.defaultMaxOutputTokens);
      const admission = await admit(ctx, authenticated, estimate);
      if (admission && ctx.request.stream && keys.auth.stopStreamsOverBudget) {
        const watch = watchStreamBudget(admission, estimate);
        if (watch) ctx.state.set(WATCH, watch);
      }
    },
    async onEmbeddingRequest(ctx) {
      const authenticated = await authenticate(keys, ctx.headers, "embeddings", ctx.request.model);
      if (!authenticated) return;
      const { input } = ctx.request;
      await admit(
        ctx,
        authenticated,
        estimateEmbeddings(config, keys.prices, ctx.request.model, () =>
          input.reduce<number>((sum, item) => sum + (typeof item === "string" ? countTokens(item) : item.length), 0),
        ),
      );
    },
    async onLog(event) {
      await settle(event);
    },
    async close() {
      await Promise.all([keys.close(), budgetAlerts?.close()]);
    },
  };
  // Only when asked for: any stream hook turns off byte forwarding for every stream.
  if (keys.auth.stopStreamsOverBudget) {
    plugin.onStreamEvent = (ctx, event) => ctx.state.get(WATCH)?.(event);
  }
  return plugin;
}
