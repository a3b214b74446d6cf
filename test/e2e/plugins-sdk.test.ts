import { resolve } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  DEFAULT_MOCK_API_KEY,
  type MockOpenAIUpstream,
  startMockOpenAIUpstream,
} from "../support/mock-openai-upstream.js";
import { type GatewayProcess, startGateway } from "../support/start-gateway.js";
import { chat, DIALECTS, MODES, upstreamMessages } from "./plugins-client.js";

// User plugins through the built gateway: the example package loaded by folder path, a plugin that
// throws, a plugin that times out, and options checked by the plugin's own schema.
const EXAMPLE_PACKAGE = resolve(import.meta.dirname, "../../examples/plugins/word-filter");
const FIXTURES = resolve(import.meta.dirname, "../fixtures/plugins");
let mock: MockOpenAIUpstream;
let gateway: GatewayProcess;

function model(plugins: Array<Record<string, unknown>>) {
  return { targets: [{ provider: "upstream", model: "gpt-4o-mini" }], plugins };
}

beforeAll(async () => {
  mock = await startMockOpenAIUpstream();
  gateway = await startGateway({
    providers: { upstream: { type: "openai", baseUrl: `${mock.url}/v1`, apiKey: DEFAULT_MOCK_API_KEY } },
    models: {
      "word-block": model([{ use: EXAMPLE_PACKAGE, with: { words: ["banana"] } }]),
      "word-mask": model([{ use: EXAMPLE_PACKAGE, with: { words: ["banana"], action: "mask" }, timeoutMs: 1_000 }]),
      throws: model([{ use: `${FIXTURES}/throwing-plugin.ts` }]),
      slow: model([{ use: `${FIXTURES}/slow-plugin.ts`, timeoutMs: 200 }]),
      plain: model([]),
    },
  });
});

afterAll(async () => {
  await gateway?.stop();
  await mock?.close();
});

beforeEach(() => mock.reset());

const user = (content: string) => [{ role: "user", content }];

describe.each(DIALECTS)("the example plugin package, loaded by folder path (%s dialect)", (dialect) => {
  it.each(MODES)("refuses a listed word with its own error and header (%s)", async (_mode, stream) => {
    const result = await chat(gateway.url, dialect, { model: "word-block", messages: user("a Banana please"), stream });
    expect(result.status).toBe(400);
    expect(result.error?.message).toBe('word-filter: the word "Banana" is not allowed.');
    expect(result.headers.get("x-word-filter")).toBe("block");
    expect(mock.requests).toHaveLength(0);
  });

  it.each(MODES)("masks a listed word in the prompt and the answer (%s)", async (_mode, stream) => {
    const result = await chat(gateway.url, dialect, { model: "word-mask", messages: user("one banana"), stream });
    expect(upstreamMessages(mock)).toEqual([{ role: "user", content: "one ******" }]);
    expect(result.text).toBe("Echo: one ****** ✓");
    expect(result.headers.get("x-word-filter")).toBe("mask");
  });
});

describe.each(DIALECTS)("failing plugins (%s dialect)", (dialect) => {
  it("a plugin that throws gives a 500 naming it, is logged, and other requests are unaffected", async () => {
    const result = await chat(gateway.url, dialect, { model: "throws", messages: user("hi") });
    expect(result.status).toBe(500);
    expect(result.error?.message).toBe('Plugin "always-throws" failed: deliberate failure');
    await expect.poll(() => gateway.output()).toContain("deliberate failure");
    const other = await chat(gateway.url, dialect, { model: "plain", messages: user("hi") });
    expect(other.text).toBe("Echo: hi ✓");
  });

  it.each(MODES)(
    "a hook over its timeoutMs gives plugin_timeout naming it while others go on (%s)",
    async (_mode, stream) => {
      const started = Date.now();
      const [slow, other] = await Promise.all([
        chat(gateway.url, dialect, { model: "slow", messages: user("hi"), stream }),
        chat(gateway.url, dialect, { model: "plain", messages: user("meanwhile"), stream }),
      ]);
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(slow.status).toBe(504);
      expect(slow.error?.message).toBe('Plugin "slow-plugin" took longer than 200 ms in onRequest.');
      if (dialect === "openai") expect(slow.error?.code).toBe("plugin_timeout");
      expect(other.text).toBe("Echo: meanwhile ✓");
      expect(mock.requests).toHaveLength(1);
    },
  );
});

it("refuses to start when a plugin's own schema rejects its options, naming the field", async () => {
  await expect(
    startGateway({
      providers: { upstream: { type: "openai", baseUrl: `${mock.url}/v1`, apiKey: DEFAULT_MOCK_API_KEY } },
      models: { m: model([{ use: EXAMPLE_PACKAGE, with: { words: [], action: "shout" } }]) },
    }),
  ).rejects.toThrow(/models\.m\.plugins\[0\]\.with\.words: .*\n.*models\.m\.plugins\[0\]\.with\.action/);
});
