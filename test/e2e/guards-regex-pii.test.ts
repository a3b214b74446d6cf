import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  DEFAULT_MOCK_API_KEY,
  type MockOpenAIUpstream,
  startMockOpenAIUpstream,
} from "../support/mock-openai-upstream.js";
import { type GatewayProcess, startGateway } from "../support/start-gateway.js";
import { chat, DIALECTS, MODES, upstreamMessages } from "./plugins-client.js";

// guard-regex and guard-pii through the built gateway, in front of the OpenAI mock (echo answers).
let mock: MockOpenAIUpstream;
let gateway: GatewayProcess;

function model(upstreamModel: string, plugins: Array<Record<string, unknown>>) {
  return { targets: [{ provider: "upstream", model: upstreamModel }], plugins };
}

beforeAll(async () => {
  mock = await startMockOpenAIUpstream();
  gateway = await startGateway({
    logging: { level: "debug" },
    providers: { upstream: { type: "openai", baseUrl: `${mock.url}/v1`, apiKey: DEFAULT_MOCK_API_KEY } },
    models: {
      "regex-block": model("gpt-4o-mini", [
        { use: "guard-regex", with: { deny: ["internal codename \\w+"], ignoreCase: true, action: "block" } },
      ]),
      "regex-redact": model("gpt-4o-mini", [
        { use: "guard-regex", with: { deny: ["secret-\\d+"], action: "redact", replacement: "[HIDDEN]" } },
      ]),
      // Answers one character per chunk: patterns are always split across chunks.
      "regex-redact-answer": model("mock-character-stream", [
        { use: "guard-regex", with: { deny: ["codename \\w+"], action: "redact", on: ["response"] } },
      ]),
      "regex-block-answer": model("mock-character-stream", [
        { use: "guard-regex", with: { deny: ["codename \\w+"], action: "block", on: ["response"] } },
      ]),
      "regex-allow": model("gpt-4o-mini", [{ use: "guard-regex", with: { allow: ["^(weather|news)\\b"] } }]),
      "pii-redact": model("gpt-4o-mini", [{ use: "guard-pii", with: { action: "redact" } }]),
      "pii-block": model("gpt-4o-mini", [{ use: "guard-pii", with: { detect: ["email", "card"], action: "block" } }]),
      "pii-mask": model("gpt-4o-mini", [{ use: "guard-pii", with: { action: "mask-and-restore" } }]),
      // Only answers are scrubbed here (no prompt role), so the echo brings the data back to redact.
      "pii-redact-answer": model("mock-character-stream", [
        { use: "guard-pii", with: { action: "redact", roles: ["developer"], scanAnswers: true } },
      ]),
      "pii-mask-characters": model("mock-character-stream", [
        { use: "guard-pii", with: { action: "mask-and-restore" } },
      ]),
    },
  });
});

afterAll(async () => {
  await gateway?.stop();
  await mock?.close();
});

beforeEach(() => mock.reset());

const user = (content: string) => [{ role: "user", content }];

describe.each(DIALECTS)("guard-regex (%s dialect)", (dialect) => {
  it.each(MODES)("blocks a denied pattern in the prompt before any upstream call (%s)", async (_mode, stream) => {
    const result = await chat(gateway.url, dialect, {
      model: "regex-block",
      messages: user("Tell me about Internal Codename Falcon please"),
      stream,
    });
    expect(result.status).toBe(400);
    expect(result.error?.message).toBe(
      "guard-regex blocked the prompt: it matches the denied pattern /internal codename \\w+/.",
    );
    if (dialect === "openai") expect(result.error?.code).toBe("guardrail_blocked");
    expect(mock.requests).toHaveLength(0);
  });

  it.each(MODES)("redacts a pattern in the prompt before it goes upstream (%s)", async (_mode, stream) => {
    const result = await chat(gateway.url, dialect, {
      model: "regex-redact",
      messages: user("my id is secret-123 and secret-9"),
      stream,
    });
    expect(result.status).toBe(200);
    expect(upstreamMessages(mock)).toEqual([{ role: "user", content: "my id is [HIDDEN] and [HIDDEN]" }]);
    expect(result.text).toBe("Echo: my id is [HIDDEN] and [HIDDEN] ✓");
  });

  it.each(MODES)(
    "redacts a pattern in the answer, also when it is split over one-character chunks (%s)",
    async (_mode, stream) => {
      const result = await chat(gateway.url, dialect, {
        model: "regex-redact-answer",
        messages: user("the codename falcon is here"),
        stream,
      });
      expect(upstreamMessages(mock)).toEqual([{ role: "user", content: "the codename falcon is here" }]);
      expect(result.text).toBe("Echo: the [REDACTED] is here ✓");
      expect(result.deltas.join("")).not.toContain("falcon");
    },
  );

  it.each(MODES)(
    "blocks an answer with a denied pattern; a stream ends with an in-band error (%s)",
    async (_mode, stream) => {
      const result = await chat(gateway.url, dialect, {
        model: "regex-block-answer",
        messages: user("say codename falcon"),
        stream,
      });
      expect(mock.requests).toHaveLength(1);
      expect(result.status).toBe(stream ? 200 : 400);
      expect(result.error?.message).toBe(
        "guard-regex blocked the answer: it matches the denied pattern /codename \\w+/.",
      );
      expect(result.text).not.toContain("falcon");
    },
  );

  it("refuses a prompt that matches none of the allowed patterns", async () => {
    const refused = await chat(gateway.url, dialect, { model: "regex-allow", messages: user("tell me a joke") });
    expect(refused.status).toBe(400);
    expect(refused.error?.message).toBe("guard-regex blocked the prompt: it matches none of the allowed patterns.");
    const allowed = await chat(gateway.url, dialect, { model: "regex-allow", messages: user("weather in Paris") });
    expect(allowed.text).toBe("Echo: weather in Paris ✓");
  });
});

const PII_PROMPT =
  "Mail jane.doe@example.com or call +1 415 555 0100; card 4111 1111 1111 1111, IBAN DE89 3704 0044 0532 0130 00, host 10.0.0.12, key sk-proj-abcdefghijklmnopqrstuvwx";

describe.each(DIALECTS)("guard-pii (%s dialect)", (dialect) => {
  it.each(MODES)("redacts every kind before the prompt goes upstream (%s)", async (_mode, stream) => {
    const result = await chat(gateway.url, dialect, { model: "pii-redact", messages: user(PII_PROMPT), stream });
    const redacted = "Mail [EMAIL] or call [PHONE]; card [CARD], IBAN [IBAN], host [IP], key [SECRET]";
    expect(upstreamMessages(mock)).toEqual([{ role: "user", content: redacted }]);
    expect(result.text).toBe(`Echo: ${redacted} ✓`);
  });

  it("leaves numbers alone that fail the Luhn and IBAN checks", async () => {
    const text = "order 4111 1111 1111 1112 and ref DE00 3704 0044 0532 0130 00";
    await chat(gateway.url, dialect, { model: "pii-redact", messages: user(text) });
    expect(upstreamMessages(mock)).toEqual([{ role: "user", content: text }]);
  });

  it.each(MODES)("blocks a prompt with personal data and names the kinds (%s)", async (_mode, stream) => {
    const result = await chat(gateway.url, dialect, {
      model: "pii-block",
      messages: user("card 4111 1111 1111 1111 for jane@example.com"),
      stream,
    });
    expect(result.status).toBe(400);
    expect(result.error?.message).toBe("guard-pii blocked the prompt: it contains card, email data.");
    expect(mock.requests).toHaveLength(0);
  });

  it.each([
    ["plain", "pii-mask", false],
    ["streamed", "pii-mask", true],
    ["streamed one character per chunk", "pii-mask-characters", true],
  ] as const)("masks upstream and restores the originals in the answer (%s)", async (_mode, modelName, stream) => {
    const prompt = "Write to jane.doe@example.com and bob@example.org, again jane.doe@example.com, from 10.0.0.12";
    const result = await chat(gateway.url, dialect, { model: modelName, messages: user(prompt), stream });
    expect(upstreamMessages(mock)).toEqual([
      { role: "user", content: "Write to [EMAIL_1] and [EMAIL_2], again [EMAIL_1], from [IP_1]" },
    ]);
    expect(result.status).toBe(200);
    expect(result.text).toBe(`Echo: ${prompt} ✓`);
    if (modelName === "pii-mask-characters") {
      // Held back only while a placeholder might be incomplete: other deltas stay one character.
      const restored = result.deltas.filter((delta) => Array.from(delta).length > 1);
      expect(restored).toEqual(["jane.doe@example.com", "bob@example.org", "jane.doe@example.com", "10.0.0.12"]);
    }
  });
});

describe.each(DIALECTS)("guard-pii on answers (%s dialect)", (dialect) => {
  it.each(MODES)("redacts personal data split over one-character chunks (%s)", async (_mode, stream) => {
    const prompt = "reach jane.doe@example.com or 10.0.0.12 today";
    const result = await chat(gateway.url, dialect, { model: "pii-redact-answer", messages: user(prompt), stream });
    expect(upstreamMessages(mock)).toEqual([{ role: "user", content: prompt }]);
    expect(result.text).toBe("Echo: reach [EMAIL] or [IP] today ✓");
    expect(result.deltas.join("")).not.toContain("example");
  });
});

it("records each verdict in the log event's guardrails field", async () => {
  await chat(gateway.url, "openai", { model: "pii-mask", messages: user("to jane@example.com") });
  await expect
    .poll(() => gateway.output())
    .toMatch(/"guardrails":\[\{"guard":"guard-pii","rule":"email","action":"mask","on":"request"\}\]/);
});
