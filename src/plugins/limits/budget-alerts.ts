import type { PluginLogger } from "../../contract/plugin.js";
import { WebhookClient } from "../../outbound/webhook-client.js";
import type { CounterStore } from "../../stores/counters/counter-store.js";
import { MICRO_USD } from "./admission-checks.js";
import type { Reservation } from "./admit-request.js";

export interface BudgetAlertConfig {
  webhookUrl: string;
  threshold: number;
}

const WEBHOOK_TIMEOUT_MS = 5_000;

/**
 * Budget alerts to one webhook, through a connection pool of their own that lives as long as the
 * runtime that made them (closed with the keys plugin).
 */
export class BudgetAlerts {
  private readonly webhook: WebhookClient;

  constructor(
    private readonly config: BudgetAlertConfig,
    private readonly logger: PluginLogger,
  ) {
    this.webhook = new WebhookClient(config.webhookUrl, WEBHOOK_TIMEOUT_MS);
  }

  /**
   * After settlement: for each budget of the request whose use reached the threshold, posts one
   * alert per budget and period. "Once" holds across instances: the alert takes a counter with
   * limit 1 in the shared counter store, and only the instance that gets it sends.
   */
  async afterSettlement(counters: CounterStore, reservation: Reservation): Promise<void> {
    for (const check of reservation.checks) {
      if (check.kind !== "budget-usd" && check.kind !== "budget-tokens") continue;
      const read = await counters.reserve([
        { key: check.key, amount: 0, limit: check.limit, windowMs: check.windowMs },
      ]);
      const used = read.admitted ? (read.states[0]?.used ?? 0) : read.state.used;
      if (used < this.config.threshold * check.limit) continue;
      const claim = await counters.reserve([
        { key: `${check.key}:alerted`, amount: 1, limit: 1, windowMs: check.windowMs },
      ]);
      if (!claim.admitted) continue;
      const usd = check.kind === "budget-usd";
      await this.post({
        type: "budget.threshold",
        budget: check.owner,
        unit: usd ? "usd" : "tokens",
        used: usd ? used / MICRO_USD : used,
        limit: usd ? check.limit / MICRO_USD : check.limit,
        threshold: this.config.threshold,
        at: new Date().toISOString(),
      });
    }
  }

  close(): Promise<void> {
    return this.webhook.close();
  }

  /** A failed alert is logged, never thrown: settlement goes on. */
  private async post(alert: Record<string, unknown>): Promise<void> {
    try {
      const response = await this.webhook.post({ "content-type": "application/json" }, JSON.stringify(alert));
      await response.body.dump();
      if (response.statusCode < 200 || response.statusCode >= 300) {
        this.logger.warn("the budget alert webhook answered with an error", { status: response.statusCode });
      }
    } catch (error) {
      this.logger.warn("the budget alert webhook failed", { error: (error as Error).message });
    }
  }
}
