import { createHash } from "node:crypto";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DEFAULT_MOCK_API_KEY,
  type MockOpenAIUpstream,
  startMockOpenAIUpstream,
} from "../support/mock-openai-upstream.js";
import { type GatewayProcess, startGateway } from "../support/start-gateway.js";
import { admin, call, chat, createKey, errorCode, errorMessage, MASTER_KEY } from "./keys-support.js";

let mock: MockOpenAIUpstream;
let gateway: GatewayProcess;
const answers: string[] = [];

beforeAll(async () => {
  mock = await startMockOpenAIUpstream();
  gateway = await startGateway({
    admin: { masterKey: MASTER_KEY },
    auth: { mode: "required", keyCacheTtlMs: 60_000 },
    logging: { level: "debug" },
    providers: {
      upstream: { type: "openai", baseUrl: `${mock.url}/v1`, apiKey: DEFAULT_MOCK_API_KEY },
    },
    models: {
      "gpt-4o-mini": { targets: [{ provider: "upstream", model: "gpt-4o-mini" }] },
      smart: { targets: [{ provider: "upstream", model: "gpt-4o" }] },
      slow: {
        targets: [{ provider: "upstream", model: "mock-slow-first-byte", headers: { "x-mock-delay-ms": "700" } }],
      },
      embed: { targets: [{ provider: "upstream", model: "text-embedding-3-small" }] },
      "slow-stream": {
        targets: [{ provider: "upstream", model: "mock-slow-stream", headers: { "x-mock-delay-ms": "200" } }],
      },
    },
  });
});

afterAll(async () => {
  await gateway?.stop();
  await mock?.close();
});

/** Every answer's text and headers, to prove no upstream key ever reaches a client. */
async function record<T extends { text: string; headers: Headers }>(promise: Promise<T>): Promise<T> {
  const answer = await promise;
  answers.push(answer.text, JSON.stringify([...answer.headers.entries()]));
  return answer;
}

describe("the admin API", () => {
  it("needs the master key: 401 without one, 403 with another key", async () => {
    expect((await call(gateway.url, "GET", "/admin/keys")).status).toBe(401);
    const other = await call(gateway.url, "GET", "/admin/keys", { key: "sk-sy-not-the-master-key" });
    expect(other.status).toBe(403);
    expect(errorCode(other)).toBe("admin_forbidden");
  });

  it("creates, reads, updates and deletes projects, and keeps an audit trail", async () => {
    const created = await admin(gateway.url, "POST", "/admin/projects", {
      name: "search",
      metadata: { team: "search" },
    });
    expect(created.status).toBe(201);
    const id = String(created.body.id);
    expect((await admin(gateway.url, "GET", `/admin/projects/${id}`)).body.name).toBe("search");
    const patched = await admin(gateway.url, "PATCH", `/admin/projects/${id}`, { name: "search-2" });
    expect(patched.body.name).toBe("search-2");
    const listed = await admin(gateway.url, "GET", "/admin/projects");
    expect((listed.body.data as Array<{ id: string }>).some((project) => project.id === id)).toBe(true);
    expect((await admin(gateway.url, "DELETE", `/admin/projects/${id}`)).status).toBe(200);
    expect((await admin(gateway.url, "GET", `/admin/projects/${id}`)).status).toBe(404);
    const audit = await admin(gateway.url, "GET", `/admin/audit?target=${id}`);
    const actions = (audit.body.data as Array<{ action: string; actor: string; at: string }>).map(
      (entry) => entry.action,
    );
    expect(actions).toEqual(["project.delete", "project.update", "project.create"]);
  });

  it("creates a key with the issue's body and shows its secret only once", async () => {
    const project = await admin(gateway.url, "POST", "/admin/projects", { name: "search" });
    const created = await admin(gateway.url, "POST", "/admin/keys", {
      name: "search-team",
      project: project.body.id,
      models: ["gpt-4o*", "smart"],
      limits: { rpm: 60, tpm: 100000, concurrency: 10 },
      budget: { usd: 25, period: "month" },
      expiresAt: "2027-01-01T00:00:00Z",
      metadata: { team: "search" },
    });
    expect(created.status).toBe(201);
    expect(String(created.body.key)).toMatch(/^sk-sy-[\w-]{43}$/);
    const read = await admin(gateway.url, "GET", `/admin/keys/${created.body.id}`);
    expect(read.body.key).toBeUndefined();
    expect(read.body.hash).toBeUndefined();
    expect(read.body).toMatchObject({ name: "search-team", project: project.body.id, status: "active" });
    expect(read.text).not.toContain(String(created.body.key));
    expect((await admin(gateway.url, "POST", "/admin/keys", { name: "x", project: "proj_missing" })).status).toBe(404);
  });
});

describe("gateway keys on the data plane", () => {
  it("refuses requests without a key or with a wrong one (401)", async () => {
    const none = await record(chat(gateway.url, undefined, "smart"));
    expect(none.status).toBe(401);
    expect(errorCode(none)).toBe("missing_api_key");
    const wrong = await record(chat(gateway.url, "sk-sy-wrong", "smart"));
    expect(wrong.status).toBe(401);
    expect(errorCode(wrong)).toBe("invalid_api_key");
  });

  it("serves a valid key as Bearer and as x-api-key, on both dialects", async () => {
    const { key } = await createKey(gateway.url, { name: "user" });
    const bearer = await record(chat(gateway.url, key, "smart", "Hi"));
    expect(bearer.status).toBe(200);
    const anthropic = await record(
      call(gateway.url, "POST", "/v1/messages", {
        key,
        keyHeader: "x-api-key",
        body: { model: "smart", max_tokens: 20, messages: [{ role: "user", content: "Hi" }] },
      }),
    );
    expect(anthropic.status).toBe(200);
    expect(anthropic.body.type).toBe("message");
    const anonymousAnthropic = await record(
      call(gateway.url, "POST", "/v1/messages", {
        body: { model: "smart", max_tokens: 20, messages: [{ role: "user", content: "Hi" }] },
      }),
    );
    expect(anonymousAnthropic.status).toBe(401);
    expect(anonymousAnthropic.body.type).toBe("error");
  });

  it("refuses a model outside the key's globs with 403 naming the model", async () => {
    const { key } = await createKey(gateway.url, { name: "mini-only", models: ["gpt-4o*"] });
    expect((await record(chat(gateway.url, key, "gpt-4o-mini"))).status).toBe(200);
    const refused = await record(chat(gateway.url, key, "smart"));
    expect(refused.status).toBe(403);
    expect(errorCode(refused)).toBe("model_not_allowed");
    expect(errorMessage(refused)).toContain('"smart"');
  });

  it("applies the key to count_tokens and embeddings, and to the key's endpoints", async () => {
    const { key } = await createKey(gateway.url, { name: "chat-only", endpoints: ["chat"] });
    const countBody = { model: "smart", messages: [{ role: "user", content: "count me" }] };
    const anonymous = await record(call(gateway.url, "POST", "/v1/messages/count_tokens", { body: countBody }));
    expect(anonymous.status).toBe(401);
    const counted = await record(call(gateway.url, "POST", "/v1/messages/count_tokens", { key, body: countBody }));
    expect(counted.status).toBe(403);
    const embeddings = await record(
      call(gateway.url, "POST", "/v1/embeddings", { key, body: { model: "embed", input: ["hello"] } }),
    );
    expect(embeddings.status).toBe(403);
    expect(errorCode(embeddings)).toBe("endpoint_not_allowed");
    const { key: allEndpoints } = await createKey(gateway.url, { name: "all" });
    const embedded = await record(
      call(gateway.url, "POST", "/v1/embeddings", { key: allEndpoints, body: { model: "embed", input: ["hello"] } }),
    );
    expect(embedded.status).toBe(200);
  });

  it("stops a revoked key at once, and a rotated key's old secret", async () => {
    const { id, key } = await createKey(gateway.url, { name: "short-lived" });
    expect((await record(chat(gateway.url, key, "smart"))).status).toBe(200);
    const rotated = await admin(gateway.url, "POST", `/admin/keys/${id}/rotate`);
    expect(rotated.status).toBe(200);
    const fresh = String(rotated.body.key);
    expect(fresh).not.toBe(key);
    expect(errorCode(await record(chat(gateway.url, key, "smart")))).toBe("invalid_api_key");
    expect((await record(chat(gateway.url, fresh, "smart"))).status).toBe(200);
    expect((await admin(gateway.url, "DELETE", `/admin/keys/${id}`)).body.status).toBe("revoked");
    const revoked = await record(chat(gateway.url, fresh, "smart"));
    expect(revoked.status).toBe(401);
    expect(errorCode(revoked)).toBe("key_revoked");
  });

  it("refuses an expired key", async () => {
    const { id, key } = await createKey(gateway.url, { name: "expiring", expiresAt: "2099-01-01T00:00:00Z" });
    expect((await record(chat(gateway.url, key, "smart"))).status).toBe(200);
    await admin(gateway.url, "PATCH", `/admin/keys/${id}`, { expiresAt: new Date(Date.now() - 1000).toISOString() });
    const expired = await record(chat(gateway.url, key, "smart"));
    expect(expired.status).toBe(401);
    expect(errorCode(expired)).toBe("key_expired");
  });
});

describe("limits and budgets", () => {
  it("sends OpenAI's rate-limit headers and refuses over the limit with 429 and retry-after", async () => {
    const { key } = await createKey(gateway.url, { name: "rpm-2", limits: { rpm: 2, tpm: 10_000 } });
    const first = await record(chat(gateway.url, key, "smart"));
    expect(first.headers.get("x-ratelimit-limit-requests")).toBe("2");
    expect(first.headers.get("x-ratelimit-remaining-requests")).toBe("1");
    expect(first.headers.get("x-ratelimit-reset-requests")).toMatch(/^(\d+m)?\d+(ms|s)$/);
    expect(first.headers.get("x-ratelimit-limit-tokens")).toBe("10000");
    expect(Number(first.headers.get("x-ratelimit-remaining-tokens"))).toBeLessThan(10_000);
    expect((await record(chat(gateway.url, key, "smart"))).status).toBe(200);
    const refused = await record(chat(gateway.url, key, "smart"));
    expect(refused.status).toBe(429);
    expect(errorCode(refused)).toBe("rate_limit_exceeded");
    expect(errorMessage(refused)).toContain("2 requests per minute");
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(refused.headers.get("x-ratelimit-remaining-requests")).toBe("0");
  });

  it("applies a project's limit to all of its keys together", async () => {
    const project = await admin(gateway.url, "POST", "/admin/projects", { name: "shared", limits: { rpm: 3 } });
    const one = await createKey(gateway.url, { name: "one", project: project.body.id });
    const two = await createKey(gateway.url, { name: "two", project: project.body.id });
    expect((await record(chat(gateway.url, one.key, "smart"))).status).toBe(200);
    expect((await record(chat(gateway.url, two.key, "smart"))).status).toBe(200);
    expect((await record(chat(gateway.url, one.key, "smart"))).status).toBe(200);
    const refused = await record(chat(gateway.url, two.key, "smart"));
    expect(refused.status).toBe(429);
    expect(errorMessage(refused)).toContain('project "shared"');
  });

  it("counts per-model limits for each model the client names apart", async () => {
    const { key } = await createKey(gateway.url, { name: "per-model", limits: { rpm: 10, perModel: { rpm: 1 } } });
    expect((await chat(gateway.url, key, "smart")).status).toBe(200);
    const refused = await chat(gateway.url, key, "smart");
    expect(refused.status).toBe(429);
    expect(errorMessage(refused)).toContain('key "per-model" for model smart');
    expect((await chat(gateway.url, key, "gpt-4o-mini")).status).toBe(200);
  });

  it("lets exactly 50 of 200 parallel requests through a 50 requests/minute key", async () => {
    const { key } = await createKey(gateway.url, { name: "rpm-50", limits: { rpm: 50 } });
    const results = await Promise.all(Array.from({ length: 200 }, () => chat(gateway.url, key, "smart")));
    const statuses = results.map((result) => result.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(50);
    expect(statuses.filter((status) => status === 429)).toHaveLength(150);
  });

  it("never overspends a token budget by more than one request's reservation", async () => {
    const budget = 600;
    const { key } = await createKey(gateway.url, { name: "tokens", budget: { tokens: budget, period: "day" } });
    const results = await Promise.all(
      Array.from({ length: 60 }, (_, index) => chat(gateway.url, key, "smart", `request number ${index}`)),
    );
    const admitted = results.filter((result) => result.status === 200);
    const spent = admitted.reduce(
      (sum, result) => sum + Number((result.body.usage as { total_tokens: number }).total_tokens),
      0,
    );
    // One reservation: the prompt estimate plus max_tokens (20).
    expect(spent).toBeLessThanOrEqual(budget + 40);
    expect(admitted.length).toBeGreaterThan(0);
    const refused = results.find((result) => result.status === 429);
    expect(refused && errorCode(refused)).toBe("budget_exceeded");
    // Settled to true usage: later requests still find what the estimates did not use.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const after = await chat(gateway.url, key, "smart", "one more");
    expect([200, 429]).toContain(after.status);
  });

  it("frees concurrency slots when requests end, and refuses beyond them", async () => {
    const { key } = await createKey(gateway.url, { name: "concurrency", limits: { concurrency: 2 } });
    const results = await Promise.all(Array.from({ length: 5 }, () => chat(gateway.url, key, "slow")));
    expect(results.filter((result) => result.status === 200)).toHaveLength(2);
    const refused = results.filter((result) => result.status === 429);
    expect(refused).toHaveLength(3);
    expect(errorMessage(refused[0] as (typeof results)[number])).toContain("2 concurrent requests");
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await chat(gateway.url, key, "slow")).status).toBe(200);
  });

  it("frees a concurrency slot when the client goes away mid-stream", async () => {
    const { key } = await createKey(gateway.url, { name: "abort", limits: { concurrency: 1 } });
    const aborter = new AbortController();
    const response = await fetch(`${gateway.url}/v1/chat/completions`, {
      method: "POST",
      signal: aborter.signal,
      headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
      body: JSON.stringify({ model: "slow-stream", stream: true, messages: [{ role: "user", content: "Hi" }] }),
    });
    expect(response.status).toBe(200);
    const reader = response.body?.getReader();
    await reader?.read();
    expect((await chat(gateway.url, key, "smart")).status).toBe(429);
    aborter.abort();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await chat(gateway.url, key, "smart")).status).toBe(200);
  });

  it("reconciles a streamed answer's tokens with the usage it reported", async () => {
    const { key } = await createKey(gateway.url, { name: "stream-tokens", limits: { tpm: 5_000 } });
    const response = await fetch(`${gateway.url}/v1/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
      body: JSON.stringify({
        model: "smart",
        stream: true,
        max_tokens: 2_000,
        stream_options: { include_usage: true },
        messages: [{ role: "user", content: "Hi" }],
      }),
    });
    // Admission reserved the prompt plus 2,000 output tokens.
    expect(Number(response.headers.get("x-ratelimit-remaining-tokens"))).toBeLessThan(3_000);
    const text = await response.text();
    const usage = JSON.parse(
      text
        .split("\n")
        .filter((line) => line.startsWith("data: {") && line.includes('"usage":{'))
        .at(-1)
        ?.slice(6) ?? "{}",
    ) as { usage: { total_tokens: number } };
    await new Promise((resolve) => setTimeout(resolve, 100));
    const next = await chat(gateway.url, key, "smart", "Hi", { max_tokens: 1 });
    const remaining = Number(next.headers.get("x-ratelimit-remaining-tokens"));
    // After settlement only the true usage of the stream (and this request's reservation) is counted.
    expect(remaining).toBeGreaterThan(5_000 - usage.usage.total_tokens - 20);
  });

  it("stops a USD budget within one request of its limit, at the price table's prices", async () => {
    const { key } = await createKey(gateway.url, { name: "usd", budget: { usd: 0.0001, period: "month" } });
    let spent = 0;
    let refused: Awaited<ReturnType<typeof chat>> | undefined;
    for (let index = 0; index < 40 && !refused; index++) {
      const answer = await chat(gateway.url, key, "gpt-4o-mini", `question ${index}`);
      if (answer.status === 429) refused = answer;
      else {
        const usage = answer.body.usage as { prompt_tokens: number; completion_tokens: number };
        spent += (usage.prompt_tokens * 0.15 + usage.completion_tokens * 0.6) / 1_000_000;
      }
    }
    expect(refused && errorCode(refused)).toBe("budget_exceeded");
    expect(spent).toBeGreaterThan(0.00005);
    expect(spent).toBeLessThanOrEqual(0.0001);
  });

  it("refuses nothing in shadow mode and logs what it would have refused", async () => {
    const { key } = await createKey(gateway.url, { name: "shadow", limits: { rpm: 1, mode: "shadow" } });
    for (let index = 0; index < 3; index++) expect((await chat(gateway.url, key, "smart")).status).toBe(200);
    expect(gateway.output()).toContain("a shadow limit would have refused this request");
  });
});

describe("secrets at rest and in logs", () => {
  it("stores only hashes: no plaintext key in any stored row", async () => {
    const { id, key } = await createKey(gateway.url, { name: "at-rest" });
    const database = new Database(join(gateway.configPath, "..", "switchyard.db"), { readonly: true });
    try {
      const row = database.prepare("SELECT * FROM switchyard_keys WHERE id = ?").get(id) as Record<string, unknown>;
      expect(row.key_hash).toBe(createHash("sha256").update(key).digest("hex"));
      expect(String(row.display_prefix).length).toBeLessThan(16);
      const tables = database.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{
        name: string;
      }>;
      for (const { name } of tables) {
        const rows = database.prepare(`SELECT * FROM "${name}"`).all();
        expect(JSON.stringify(rows)).not.toContain(key);
        expect(JSON.stringify(rows)).not.toContain(DEFAULT_MOCK_API_KEY);
      }
    } finally {
      database.close();
    }
  });

  it("never shows the upstream key in a response or the gateway's log", () => {
    expect(answers.length).toBeGreaterThan(10);
    for (const answer of answers) expect(answer).not.toContain(DEFAULT_MOCK_API_KEY);
    expect(gateway.output()).toContain('"msg":"request"');
    expect(gateway.output()).not.toContain(DEFAULT_MOCK_API_KEY);
  });
});
