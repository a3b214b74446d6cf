import { resolve } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  DEFAULT_MOCK_API_KEY,
  MOCK_SCENARIOS,
  type MockOpenAIUpstream,
  startMockOpenAIUpstream,
} from "../support/mock-openai-upstream.js";
import { type GatewayProcess, startGateway } from "../support/start-gateway.js";
import { eventually } from "./observability-support.js";
import { chat, DIALECTS, MODES } from "./plugins-client.js";

// The plugin API's shapes through the built gateway: a plugin in the current shape (name once,
// typed state, wrapChat, bufferStream), one in the shape before it, and one for another API version.
const FIXTURES = resolve(import.meta.dirname, "../fixtures/plugins");
const masterKey = "admin-key-for-plugin-shape-tests";
let mock: MockOpenAIUpstream;
let gateway: GatewayProcess;

const providers = { upstream: { type: "openai", baseUrl: "", apiKey: DEFAULT_MOCK_API_KEY } };

function model(plugins: Array<Record<string, unknown>>, upstreamModel = "gpt-4o-mini") {
  return { targets: [{ provider: "upstream", model: upstreamModel }], plugins };
}

beforeAll(async () => {
  mock = await startMockOpenAIUpstream();
  providers.upstream.baseUrl = `${mock.url}/v1`;
  gateway = await startGateway({
    admin: { masterKey },
    providers,
    models: {
      shout: model([{ use: `${FIXTURES}/timed-shout-plugin.ts`, timeoutMs: 1_000 }]),
      "shout-refused": model([{ use: `${FIXTURES}/timed-shout-plugin.ts` }], MOCK_SCENARIOS.error400),
      "timed-stream-error": model(
        [{ use: `${FIXTURES}/timed-shout-plugin.ts`, with: { shout: false } }],
        MOCK_SCENARIOS.truncatedStream,
      ),
      old: model([{ use: `${FIXTURES}/old-shape-plugin.ts` }]),
    },
    telemetry: { sinks: [{ type: "database", flushIntervalMs: 20 }] },
  });
});

afterAll(async () => {
  await gateway?.stop();
  await mock?.close();
});

beforeEach(() => mock.reset());

const user = (content: string) => [{ role: "user", content }];

/** Whether the last upstream call asked for a stream. */
function upstreamStreamed(): boolean {
  const body = mock.requests.at(-1)?.body as { stream?: boolean } | undefined;
  return body?.stream === true;
}

async function logFields(requestId: string): Promise<Record<string, unknown>> {
  let fields: Record<string, unknown> = {};
  await eventually(async () => {
    const response = await fetch(`${gateway.url}/admin/logs/${encodeURIComponent(requestId)}`, {
      headers: { authorization: `Bearer ${masterKey}` },
    });
    if (response.status !== 200) return false;
    fields = ((await response.json()) as { fields?: Record<string, unknown> }).fields ?? {};
    return true;
  });
  return fields;
}

describe.each(DIALECTS)("a plugin in the current shape (%s dialect)", (dialect) => {
  it.each(MODES)("wraps the request, shares typed state and sees the whole answer (%s)", async (_mode, stream) => {
    const result = await chat(gateway.url, dialect, { model: "shout", messages: user("hello there"), stream });
    expect(result.status).toBe(200);
    expect(result.text).toBe("ECHO: HELLO THERE ✓");
    expect(result.headers.get("x-wrapped")).toBe("yes");
    expect(result.headers.get("x-started-seen")).toBe("true");
    if (stream) expect(result.headers.get("content-type")).toMatch(/^text\/event-stream/);
    // Buffered: the upstream was asked for the whole answer.
    expect(upstreamStreamed()).toBe(false);
    const fields = await logFields(result.headers.get("x-request-id") ?? "");
    expect(fields).toMatchObject({ wrapOutcome: "sent", shoutSawStream: stream, shoutBuffered: stream });
    expect(fields.wrapMs).toBeGreaterThan(0);
  });

  it.each(MODES)("sees in wrapChat the error an upstream refusal gives (%s)", async (_mode, stream) => {
    const result = await chat(gateway.url, dialect, { model: "shout-refused", messages: user("hi"), stream });
    expect(result.status).toBe(400);
    expect(result.headers.get("x-wrapped")).toBe("yes");
    const fields = await logFields(result.headers.get("x-request-id") ?? "");
    expect(fields.wrapOutcome).toBe("failed: upstream_error");
  });

  it("sees in wrapChat an error that ends a stream already begun", async () => {
    const result = await chat(gateway.url, dialect, {
      model: "timed-stream-error",
      messages: user("hi"),
      stream: true,
    });
    expect(result.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const fields = await logFields(result.headers.get("x-request-id") ?? "");
    expect(String(fields.wrapOutcome)).toMatch(/^failed: upstream_/);
  });
});

describe.each(DIALECTS)("a plugin in the shape before plugin API versions (%s dialect)", (dialect) => {
  it.each(MODES)("still loads: name twice, string state keys, stream turned off (%s)", async (_mode, stream) => {
    const result = await chat(gateway.url, dialect, { model: "old", messages: user("hi"), stream });
    expect(result.status).toBe(200);
    expect(result.text).toBe("Echo: hi ✓!");
    expect(result.headers.get("x-old-shape")).toBe("seen");
    if (stream) expect(result.headers.get("content-type")).toMatch(/^text\/event-stream/);
    expect(upstreamStreamed()).toBe(false);
  });
});

it("refuses to start with a plugin written for another plugin API version, naming it and both versions", async () => {
  await expect(
    startGateway({ providers, models: { m: model([{ use: `${FIXTURES}/future-plugin.ts` }]) } }),
  ).rejects.toThrow(
    'models.m.plugins[0]: plugin "from-the-future" is written for plugin API version 2, but this gateway supports version 1',
  );
});
