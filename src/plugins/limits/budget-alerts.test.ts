import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { MemoryCounterStore } from "../../stores/counters/memory-counter-store.js";
import type { Reservation } from "./admit-request.js";
import { type BudgetAlertConfig, BudgetAlerts } from "./budget-alerts.js";

const WEEK_MS = 7 * 86_400_000;
let server: Server;
let answerStatus: number;
let received: Array<{ url: string | undefined; contentType: string | undefined; body: Record<string, unknown> }>;
let config: BudgetAlertConfig;
let alerts: BudgetAlerts;
let warnings: Array<{ message: string; fields?: Record<string, unknown> }>;
const logger = {
  info() {},
  warn(message: string, fields?: Record<string, unknown>) {
    warnings.push({ message, fields });
  },
  error() {},
};

beforeEach(async () => {
  answerStatus = 204;
  received = [];
  warnings = [];
  server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => {
      body += chunk.toString();
    });
    request.on("end", () => {
      received.push({ url: request.url, contentType: request.headers["content-type"], body: JSON.parse(body) });
      response.writeHead(answerStatus).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  config = { webhookUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/alerts?team=a`, threshold: 0.5 };
  alerts = new BudgetAlerts(config, logger);
});

afterEach(async () => {
  await alerts.close();
  await new Promise((resolve) => server.close(resolve));
});

/** A reservation of one token budget whose counter already holds `used` of `limit`. */
async function tokenBudget(counters: MemoryCounterStore, used: number, limit = 100): Promise<Reservation> {
  const check = { key: "budget:key-1:tokens", amount: used, limit, windowMs: WEEK_MS };
  await counters.reserve([check]);
  return { checks: [{ ...check, amount: 0, kind: "budget-tokens", owner: 'key "alerting"', shadow: false }] };
}

describe("BudgetAlerts", () => {
  it("posts one JSON alert per budget and period once the threshold is reached", async () => {
    const counters = new MemoryCounterStore();
    const reservation = await tokenBudget(counters, 60);
    await alerts.afterSettlement(counters, reservation);
    await alerts.afterSettlement(counters, reservation);
    expect(received).toHaveLength(1);
    expect(received[0]?.url).toBe("/alerts?team=a");
    expect(received[0]?.contentType).toBe("application/json");
    expect(received[0]?.body).toMatchObject({
      type: "budget.threshold",
      budget: 'key "alerting"',
      unit: "tokens",
      used: 60,
      limit: 100,
      threshold: 0.5,
    });
    expect(warnings).toEqual([]);
  });

  it("sends nothing below the threshold", async () => {
    const counters = new MemoryCounterStore();
    await alerts.afterSettlement(counters, await tokenBudget(counters, 40));
    expect(received).toEqual([]);
  });

  it("logs a webhook that answers with an error status instead of failing the settlement", async () => {
    answerStatus = 500;
    const counters = new MemoryCounterStore();
    await alerts.afterSettlement(counters, await tokenBudget(counters, 80));
    expect(received).toHaveLength(1);
    expect(warnings).toEqual([{ message: "the budget alert webhook answered with an error", fields: { status: 500 } }]);
  });

  it("logs a webhook that cannot be reached", async () => {
    const counters = new MemoryCounterStore();
    const unreachable = new BudgetAlerts({ webhookUrl: "http://127.0.0.1:1/alerts", threshold: 0.5 }, logger);
    try {
      await unreachable.afterSettlement(counters, await tokenBudget(counters, 80));
    } finally {
      await unreachable.close();
    }
    expect(warnings.map((warning) => warning.message)).toEqual(["the budget alert webhook failed"]);
  });
});
