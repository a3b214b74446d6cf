import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DEFAULT_MOCK_API_KEY,
  type MockOpenAIUpstream,
  startMockOpenAIUpstream,
} from "../support/mock-openai-upstream.js";
import { type GatewayProcess, startGateway } from "../support/start-gateway.js";
import { chat, createKey, MASTER_KEY } from "./keys-support.js";

let mock: MockOpenAIUpstream;
let gateway: GatewayProcess;
let webhook: Server;
const alerts: Array<Record<string, unknown>> = [];

beforeAll(async () => {
  webhook = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => {
      body += chunk.toString();
    });
    request.on("end", () => {
      alerts.push(JSON.parse(body) as Record<string, unknown>);
      response.end("ok");
    });
  });
  await new Promise<void>((resolve) => webhook.listen(0, "127.0.0.1", resolve));
  mock = await startMockOpenAIUpstream();
  gateway = await startGateway({
    admin: { masterKey: MASTER_KEY },
    auth: {
      mode: "required",
      budgetAlert: { webhookUrl: `http://127.0.0.1:${(webhook.address() as AddressInfo).port}/alerts`, threshold: 0.5 },
    },
    providers: { upstream: { type: "openai", baseUrl: `${mock.url}/v1`, apiKey: DEFAULT_MOCK_API_KEY } },
    models: { smart: { targets: [{ provider: "upstream", model: "gpt-4o-mini" }] } },
  });
});

afterAll(async () => {
  await gateway?.stop();
  await mock?.close();
  await new Promise((resolve) => webhook?.close(resolve));
});

describe("budget alerts", () => {
  it("posts one alert per budget and period once its use reaches the threshold", async () => {
    const { key } = await createKey(gateway.url, { name: "alerting", budget: { tokens: 200, period: "week" } });
    for (let index = 0; index < 40; index++) {
      const answer = await chat(gateway.url, key, "smart", `message ${index}`);
      if (answer.status !== 200) break;
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      type: "budget.threshold",
      budget: 'key "alerting"',
      unit: "tokens",
      limit: 200,
      threshold: 0.5,
    });
    expect(Number(alerts[0]?.used)).toBeGreaterThanOrEqual(100);
  });
});
