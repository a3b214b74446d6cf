import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { costOf } from "../../src/telemetry/price-table.js";
import { type MockOpenAIUpstream, startMockOpenAIUpstream } from "../support/mock-openai-upstream.js";
import { type GatewayProcess, startGateway } from "../support/start-gateway.js";
import { databasePath, eventually, parsePrometheusText, sumOf } from "./observability-support.js";

const masterKey = "admin-key-for-observability-tests";
let upstream: MockOpenAIUpstream;
let gateway: GatewayProcess;

interface ChatAnswer {
  requestId: string;
  status: number;
  usage?: { prompt_tokens: number; completion_tokens: number };
  text: string;
}

async function chat(
  model: string,
  content: string,
  options: { headers?: Record<string, string>; stream?: boolean } = {},
): Promise<ChatAnswer> {
  const response = await fetch(`${gateway.url}/v1/chat/completions`, {
    method: "POST",
    headers: { "content-type": "application/json", ...options.headers },
    body: JSON.stringify({
      model,
      messages: [{ role: "user", content }],
      ...(options.stream ? { stream: true, stream_options: { include_usage: true } } : {}),
    }),
  });
  const requestId = response.headers.get("x-request-id") ?? "";
  if (!options.stream) {
    const body = (await response.json()) as {
      usage?: ChatAnswer["usage"];
      choices?: Array<{ message: { content: string } }>;
    };
    return { requestId, status: response.status, usage: body.usage, text: body.choices?.[0]?.message.content ?? "" };
  }
  let text = "";
  let usage: ChatAnswer["usage"];
  for (const line of (await response.text()).split("\n")) {
    if (!line.startsWith("data: {")) continue;
    const chunk = JSON.parse(line.slice(6)) as {
      usage?: ChatAnswer["usage"];
      choices: Array<{ delta: { content?: string } }>;
    };
    text += chunk.choices[0]?.delta.content ?? "";
    if (chunk.usage) usage = chunk.usage;
  }
  return { requestId, status: response.status, usage, text };
}

async function admin<T>(path: string): Promise<{ status: number; body: T; text: string; headers: Headers }> {
  const response = await fetch(`${gateway.url}${path}`, { headers: { authorization: `Bearer ${masterKey}` } });
  const text = await response.text();
  const json = (response.headers.get("content-type") ?? "").includes("json");
  return { status: response.status, body: (json ? JSON.parse(text) : undefined) as T, text, headers: response.headers };
}

interface LogList {
  data: Array<Record<string, unknown> & { requestId: string; metadata: Record<string, string>; captured?: Captured }>;
  next_cursor: string | null;
}
interface Captured {
  level: string;
  request?: Array<{ role: string; content: string }>;
  response?: Array<{ text: string }>;
  truncated?: boolean;
}

async function logOf(requestId: string): Promise<Record<string, unknown> & { captured?: Captured }> {
  let found: { status: number; body: Record<string, unknown> & { captured?: Captured } } | undefined;
  await eventually(async () => {
    found = await admin(`/admin/logs/${encodeURIComponent(requestId)}`);
    return found.status === 200;
  });
  return found?.body ?? {};
}

beforeAll(async () => {
  upstream = await startMockOpenAIUpstream();
  gateway = await startGateway({
    admin: { masterKey },
    providers: { mock: { type: "openai", baseUrl: `${upstream.url}/v1`, apiKey: "sk-mock-upstream" } },
    models: {
      plain: { targets: [{ provider: "mock", model: "gpt-4o-mini" }] },
      captured: { targets: [{ provider: "mock", model: "gpt-4o-mini" }] },
      tiny: { targets: [{ provider: "mock", model: "gpt-4o-mini" }] },
    },
    telemetry: {
      capture: {
        models: { captured: "full", tiny: "full" },
        redact: [{ pattern: "secret-[0-9]+", replacement: "[SECRET]" }],
        maxCharacters: 2_000,
      },
      sinks: [{ type: "database", flushIntervalMs: 20 }],
    },
  });
});

afterAll(async () => {
  await gateway?.stop();
  await upstream?.close();
});

describe("request logs with custom metadata", () => {
  const search = { "x-switchyard-metadata": JSON.stringify({ team: "search", feature: "autocomplete" }) };
  const answers: ChatAnswer[] = [];

  beforeAll(async () => {
    for (const [index, content] of ["first question", "a second, longer question", "third"].entries()) {
      answers.push(await chat("plain", content, { headers: search, stream: index === 1 }));
    }
    await chat("plain", "for the ads team", { headers: { "x-switchyard-metadata": '{"team":"ads"}' } });
    await eventually(async () => (await admin<LogList>("/admin/logs?metadata.team=ads")).body.data.length === 1);
  });

  it("finds the requests by metadata.team=search, with every field of the event", async () => {
    const { body } = await admin<LogList>("/admin/logs?metadata.team=search");
    expect(body.data.map((log) => log.requestId).sort()).toEqual(answers.map((answer) => answer.requestId).sort());
    const streamed = body.data.find((log) => log.requestId === answers[1]?.requestId);
    expect(streamed).toMatchObject({
      metadata: { team: "search", feature: "autocomplete" },
      endpoint: "chat",
      dialect: "openai-chat",
      model: "plain",
      provider: "mock",
      upstreamModel: "gpt-4o-mini",
      status: 200,
      stream: true,
      retries: 0,
      fallbacks: 0,
      attempts: [{ provider: "mock", upstreamModel: "gpt-4o-mini", status: 200 }],
      clientAddress: "127.0.0.1",
      userAgent: expect.any(String),
    });
    expect(streamed?.timeToFirstTokenMs).toBeGreaterThan(0);
    expect(streamed?.costUsd).toBeGreaterThan(0);
    expect(streamed?.captured).toBeUndefined();
  });

  it("sums usage grouped by metadata.team to exactly the tokens and cost of the requests sent", async () => {
    const { body } = await admin<{ data: Array<Record<string, number | string | null>> }>(
      "/admin/usage?group_by=metadata.team&interval=day",
    );
    const row = body.data.find((item) => item.group === "search");
    const input = answers.reduce((total, answer) => total + (answer.usage?.prompt_tokens ?? 0), 0);
    const output = answers.reduce((total, answer) => total + (answer.usage?.completion_tokens ?? 0), 0);
    const cost = answers.reduce(
      (total, answer) =>
        total +
        (costOf("openai", "gpt-4o-mini", {
          inputTokens: answer.usage?.prompt_tokens ?? 0,
          outputTokens: answer.usage?.completion_tokens ?? 0,
          totalTokens: 0,
        }) ?? Number.NaN),
      0,
    );
    expect(answers.every((answer) => answer.usage)).toBe(true);
    expect(row).toMatchObject({ requests: 3, errors: 0, inputTokens: input, outputTokens: output, cacheHitRate: 0 });
    expect(row?.costUsd).toBeCloseTo(cost, 12);
    expect(row?.latencyP50Ms).toBeGreaterThan(0);
    expect(Number(row?.latencyP95Ms)).toBeGreaterThanOrEqual(Number(row?.latencyP50Ms));
    expect(String(row?.bucket)).toMatch(/T00:00:00\.000Z$/);
  });

  it("pages with a cursor and exports CSV and JSONL", async () => {
    const first = await admin<LogList>("/admin/logs?metadata.team=search&limit=2");
    expect(first.body.data).toHaveLength(2);
    expect(first.body.next_cursor).not.toBeNull();
    const second = await admin<LogList>(`/admin/logs?metadata.team=search&limit=2&cursor=${first.body.next_cursor}`);
    expect(second.body.data).toHaveLength(1);
    const ids = [...first.body.data, ...second.body.data].map((log) => log.requestId);
    expect(new Set(ids).size).toBe(3);

    const csv = await admin("/admin/logs?metadata.team=search&format=csv");
    expect(csv.headers.get("content-type")).toContain("text/csv");
    const lines = csv.text.trim().split("\r\n");
    expect(lines[0]?.split(",").slice(0, 3)).toEqual(["requestId", "startedAt", "durationMs"]);
    expect(lines).toHaveLength(4);
    const jsonl = await admin("/admin/usage?group_by=model&format=jsonl");
    const rows = jsonl.text
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { group: string; requests: number });
    expect(rows.find((row) => row.group === "plain")?.requests).toBeGreaterThanOrEqual(4);
  });

  it("answers 400 for a bad metadata header, a bad filter, and 404 for an unknown id", async () => {
    const bad = await chat("plain", "x", { headers: { "x-switchyard-metadata": "[1,2]" } });
    expect(bad.status).toBe(400);
    expect((await admin("/admin/logs?status=abc")).status).toBe(400);
    expect((await admin("/admin/usage?group_by=colour")).status).toBe(400);
    const missing = await admin<{ error: { code: string } }>("/admin/logs/no-such-request");
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe("log_not_found");
    expect((await fetch(`${gateway.url}/admin/logs`)).status).toBe(401);
  });
});

describe("message capture", () => {
  const personal =
    "Mail me at jane.doe@example.com, call +1 415 555 0134, card 4111 1111 1111 1111, key sk-abcdefghijklmnop1234, ref secret-98765";

  it("stores redacted request and streamed answer in full mode, searchable by text", async () => {
    const answer = await chat("captured", `${personal} zanzibar`, { stream: true });
    expect(answer.text).toContain("jane.doe@example.com");
    const log = await logOf(answer.requestId);
    const captured = log.captured;
    expect(captured?.level).toBe("full");
    const stored = JSON.stringify(captured);
    for (const secret of ["jane.doe@example.com", "555 0134", "4111 1111", "sk-abcdefghijklmnop1234", "secret-98765"]) {
      expect(stored).not.toContain(secret);
    }
    expect(captured?.request?.[0]?.content).toBe(
      "Mail me at [EMAIL], call [PHONE], card [CARD], key [API_KEY], ref [SECRET] zanzibar",
    );
    expect(captured?.response?.[0]?.text).toMatch(/^Echo: Mail me at \[EMAIL\].*zanzibar/);
    const found = await admin<LogList>("/admin/logs?q=zanzibar");
    expect(found.body.data.map((item) => item.requestId)).toEqual([answer.requestId]);
  });

  it("keeps a number that fails the Luhn check, and cuts long text with a marker", async () => {
    const answer = await chat("tiny", `order 4111 1111 1111 1112 ${"word ".repeat(600)}`);
    const captured = (await logOf(answer.requestId)).captured;
    expect(captured?.request?.[0]?.content).toContain("4111 1111 1111 1112");
    expect(captured?.truncated).toBe(true);
    expect(captured?.request?.[0]?.content).toMatch(/…\[truncated \d+ characters\]$/);
  });

  it("lets a request lower its level with x-switchyard-log, never raise it without a key", async () => {
    const lowered = await chat("captured", "lowered question", {
      headers: { "x-switchyard-log": "metadata" },
      stream: true,
    });
    const loweredLog = (await logOf(lowered.requestId)).captured;
    expect(loweredLog).toMatchObject({
      level: "metadata",
      requestMessages: 1,
      requestCharacters: 16,
      responseCharacters: lowered.text.length,
    });
    expect(loweredLog?.response).toBeUndefined();
    expect(loweredLog?.request).toBeUndefined();
    const raised = await chat("plain", "raised question", { headers: { "x-switchyard-log": "full" } });
    expect((await logOf(raised.requestId)).captured).toBeUndefined();
  });

  it("stores no message text anywhere in none mode", async () => {
    const marker = "quokka-marker-6502";
    const answer = await chat("plain", `tell me about ${marker}`, { stream: true });
    expect(answer.text).toContain(marker);
    await logOf(answer.requestId);
    const database = new Database(databasePath(gateway.configPath), { readonly: true });
    try {
      const rows = database.prepare("SELECT * FROM request_logs").all();
      expect(rows.length).toBeGreaterThan(0);
      expect(JSON.stringify(rows)).not.toContain(marker);
      const text = database.prepare("SELECT messages FROM request_logs_text").all();
      expect(JSON.stringify(text)).not.toContain(marker);
    } finally {
      database.close();
    }
  });
});

describe("/metrics", () => {
  it("parses as Prometheus text and its token counters equal the usage the upstream reported", async () => {
    const before = parsePrometheusText(await (await fetch(`${gateway.url}/metrics`)).text());
    const answers = [
      await chat("plain", "count my tokens"),
      await chat("plain", "count my streamed tokens too", { stream: true }),
    ];
    const failed = await chat("mock/mock-error-400", "fails");
    expect(failed.status).toBe(400);
    const response = await fetch(`${gateway.url}/metrics`);
    expect(response.headers.get("content-type")).toContain("text/plain");
    const after = parsePrometheusText(await response.text());
    const delta = (name: string, labels: Record<string, string>) =>
      sumOf(after, name, labels) - sumOf(before, name, labels);
    const labels = { gen_ai_request_model: "plain", gen_ai_provider_name: "mock" };
    expect(delta("gen_ai_client_token_usage_sum", { ...labels, gen_ai_token_type: "input" })).toBe(
      answers.reduce((total, answer) => total + (answer.usage?.prompt_tokens ?? 0), 0),
    );
    expect(delta("gen_ai_client_token_usage_sum", { ...labels, gen_ai_token_type: "output" })).toBe(
      answers.reduce((total, answer) => total + (answer.usage?.completion_tokens ?? 0), 0),
    );
    expect(delta("gen_ai_client_operation_duration_seconds_count", labels)).toBe(2);
    expect(delta("gen_ai_server_time_to_first_token_seconds_count", labels)).toBe(1);
    expect(delta("switchyard_requests_total", { endpoint: "chat", status: "400" })).toBe(1);
    expect(sumOf(after, "switchyard_log_queue_depth", { sink: "database" })).toBeGreaterThanOrEqual(0);
    expect(after.some((sample) => sample.name === "switchyard_log_events_dropped_total")).toBe(false);
  });
});

describe("embeddings", () => {
  it("logs an embeddings request with its usage and captured input", async () => {
    const response = await fetch(`${gateway.url}/v1/embeddings`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-switchyard-metadata": '{"team":"vectors"}' },
      body: JSON.stringify({ model: "captured", input: ["mail x@y.io"] }),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { usage: { prompt_tokens: number } };
    const log = await logOf(response.headers.get("x-request-id") ?? "");
    expect(log).toMatchObject({
      endpoint: "embeddings",
      dialect: "openai-embeddings",
      metadata: { team: "vectors" },
      usage: { inputTokens: body.usage.prompt_tokens },
      captured: { level: "full", request: [{ role: "input", content: "mail [EMAIL]" }] },
    });
  });
});
