import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type MockOpenAIUpstream, startMockOpenAIUpstream } from "../support/mock-openai-upstream.js";
import { type GatewayProcess, startGateway } from "../support/start-gateway.js";
import { eventually, parsePrometheusText, sumOf } from "./observability-support.js";

interface OtlpValue {
  stringValue?: string;
  intValue?: number | string;
  doubleValue?: number;
}
interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes: Array<{ key: string; value: OtlpValue }>;
}
interface OtlpExport {
  resourceSpans: Array<{
    resource: { attributes: Array<{ key: string; value: OtlpValue }> };
    scopeSpans: Array<{ spans: OtlpSpan[] }>;
  }>;
}

const masterKey = "admin-key-for-tracing-tests";
let upstream: MockOpenAIUpstream;
let gateway: GatewayProcess;
let receiver: Server;
const exports: OtlpExport[] = [];

const spans = () =>
  exports.flatMap((item) =>
    item.resourceSpans.flatMap((resource) => resource.scopeSpans.flatMap((scope) => scope.spans)),
  );
const attribute = (span: OtlpSpan | undefined, key: string) => {
  const value = span?.attributes.find((item) => item.key === key)?.value;
  return value?.stringValue ?? (value?.intValue !== undefined ? Number(value.intValue) : value?.doubleValue);
};

beforeAll(async () => {
  // A tiny OTLP/HTTP receiver: it records each JSON export and answers 200.
  receiver = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => {
      body += chunk.toString();
    });
    request.on("end", () => {
      if (request.url === "/v1/traces" && request.headers["content-type"]?.includes("json")) {
        exports.push(JSON.parse(body) as OtlpExport);
      }
      response.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const { port } = receiver.address() as { port: number };
  upstream = await startMockOpenAIUpstream();
  gateway = await startGateway({
    admin: { masterKey },
    providers: { mock: { type: "openai", baseUrl: `${upstream.url}/v1`, apiKey: "sk-mock-upstream" } },
    routing: {
      retry: { retries: 1, backoffMs: 1, maxBackoffMs: 5, retryAfterCapMs: 100, on: ["5xx"] },
    },
    models: {
      failover: {
        strategy: "fallback",
        targets: [
          { provider: "mock", model: "mock-error-500" },
          { provider: "mock", model: "gpt-4o-mini" },
        ],
      },
    },
    telemetry: {
      sinks: [{ type: "database", flushIntervalMs: 20 }],
      tracing: { otlpEndpoint: `http://127.0.0.1:${port}/v1/traces`, serviceName: "switchyard-test" },
    },
  });
});

afterAll(async () => {
  await gateway?.stop();
  await upstream?.close();
  await new Promise((resolve) => receiver?.close(resolve));
});

describe("traces", () => {
  it("continues the caller's trace, forwards a traceparent per attempt and exports GenAI spans over OTLP", async () => {
    const traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    const callerSpan = "00f067aa0ba902b7";
    const before = upstream.requests.length;
    const response = await fetch(`${gateway.url}/v1/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json", traceparent: `00-${traceId}-${callerSpan}-01` },
      body: JSON.stringify({ model: "failover", messages: [{ role: "user", content: "trace me" }] }),
    });
    expect(response.status).toBe(200);
    const requestId = response.headers.get("x-request-id") ?? "";

    // Two tries on the failing target, then the fallback: three upstream calls, three child spans.
    const forwarded = upstream.requests.slice(before).map((request) => request.headers.traceparent ?? "");
    expect(forwarded).toHaveLength(3);
    const forwardedSpans = forwarded.map((header) => {
      const match = /^00-([0-9a-f]{32})-([0-9a-f]{16})-01$/.exec(header);
      expect(match?.[1]).toBe(traceId);
      return match?.[2] ?? "";
    });
    expect(new Set([...forwardedSpans, callerSpan]).size).toBe(4);

    await eventually(() => spans().filter((span) => span.traceId === traceId).length === 4, 15_000);
    const traced = spans().filter((span) => span.traceId === traceId);
    const server = traced.find((span) => span.parentSpanId === callerSpan);
    expect(server).toMatchObject({ name: "chat failover", kind: 2 });
    expect(attribute(server, "gen_ai.operation.name")).toBe("chat");
    expect(attribute(server, "gen_ai.request.model")).toBe("failover");
    expect(attribute(server, "gen_ai.response.model")).toBe("gpt-4o-mini");
    expect(attribute(server, "gen_ai.usage.input_tokens")).toBeGreaterThan(0);
    expect(attribute(server, "switchyard.request_id")).toBe(requestId);
    const children = traced.filter((span) => span.parentSpanId === server?.spanId);
    expect(children.map((span) => span.spanId).sort()).toEqual([...forwardedSpans].sort());
    expect(children.every((span) => span.kind === 3)).toBe(true);
    expect(children.map((span) => attribute(span, "http.response.status_code")).sort()).toEqual([200, 500, 500]);
    expect(exports[0]?.resourceSpans[0]?.resource.attributes).toContainEqual({
      key: "service.name",
      value: { stringValue: "switchyard-test" },
    });

    const log = await fetch(`${gateway.url}/admin/logs/${requestId}`, {
      headers: { authorization: `Bearer ${masterKey}` },
    });
    expect(await log.json()).toMatchObject({ retries: 1, fallbacks: 1, trace: { traceId, parentSpanId: callerSpan } });
    const metrics = parsePrometheusText(await (await fetch(`${gateway.url}/metrics`)).text());
    expect(sumOf(metrics, "switchyard_upstream_retries_total")).toBe(1);
    expect(sumOf(metrics, "switchyard_upstream_fallbacks_total")).toBe(1);
  });

  it("starts a new trace when the traceparent is missing or malformed", async () => {
    const before = upstream.requests.length;
    await fetch(`${gateway.url}/v1/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json", traceparent: "00-not-a-trace-01" },
      body: JSON.stringify({ model: "mock/gpt-4o-mini", messages: [{ role: "user", content: "new trace" }] }),
    });
    expect(upstream.requests[before]?.headers.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
  });
});
