import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  DEFAULT_MOCK_API_KEY,
  type MockOpenAIUpstream,
  startMockOpenAIUpstream,
} from "../support/mock-openai-upstream.js";
import { type GatewayProcess, startGateway } from "../support/start-gateway.js";
import { chat, DIALECTS, MODES, upstreamMessages } from "./plugins-client.js";

// prompt-decorator, prompt-template (config and admin API) and llm-transform through the built gateway.
const MASTER_KEY = "test-master-key-0123456789";
let mock: MockOpenAIUpstream;
let gateway: GatewayProcess;

function model(plugins: Array<Record<string, unknown>>, upstreamModel = "gpt-4o-mini") {
  return { targets: [{ provider: "upstream", model: upstreamModel }], plugins };
}

const supportV1 = {
  name: "support",
  version: 1,
  messages: [
    { role: "system", content: "You help {{ customer }} with {{ product }}.{% if vip %} Be extra kind.{% endif %}" },
  ],
  variables: {
    customer: { type: "string" },
    product: { type: "string", default: "Switchyard" },
    vip: { type: "boolean", default: false },
  },
};
const supportV2 = {
  name: "support",
  version: 2,
  messages: [{ role: "system", content: "V2 for {{ customer }} ({{ tags | join: ', ' }})." }],
  variables: { customer: { type: "string" }, tags: { type: "array", default: [] } },
};

beforeAll(async () => {
  mock = await startMockOpenAIUpstream();
  gateway = await startGateway({
    admin: { masterKey: MASTER_KEY },
    routing: { retry: { retries: 0, backoffMs: 0, maxBackoffMs: 0, retryAfterCapMs: 0, on: [] } },
    providers: { upstream: { type: "openai", baseUrl: `${mock.url}/v1`, apiKey: DEFAULT_MOCK_API_KEY } },
    models: {
      decorated: model([
        {
          use: "prompt-decorator",
          with: {
            prepend: [{ role: "system", content: "Answer in English." }],
            append: [{ role: "user", content: "Be brief." }],
          },
        },
      ]),
      "decorated-after-system": model([
        {
          use: "prompt-decorator",
          with: { prepend: [{ role: "system", content: "House rules." }], afterSystem: true },
        },
      ]),
      templated: model([{ use: "prompt-template", with: { templates: [supportV1, supportV2] } }]),
      "rewrite-request": model([
        {
          use: "llm-transform",
          with: { model: "upstream/gpt-4o-mini", request: { instruction: "Translate to English." } },
        },
      ]),
      "rewrite-response": model([
        { use: "llm-transform", with: { model: "upstream/gpt-4o-mini", response: { instruction: "Summarise." } } },
      ]),
      "rewrite-fails-pass": model([
        {
          use: "llm-transform",
          with: { model: "upstream/mock-error-500", request: { instruction: "Condense." }, onError: "pass" },
        },
      ]),
      "rewrite-fails-fail": model([
        {
          use: "llm-transform",
          with: { model: "upstream/mock-error-500", request: { instruction: "Condense." }, onError: "fail" },
        },
      ]),
      "rewrite-times-out": model([
        {
          use: "llm-transform",
          with: {
            model: "upstream/mock-hang",
            response: { instruction: "Reformat." },
            timeoutMs: 300,
            onError: "fail",
          },
        },
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

describe.each(DIALECTS)("prompt-decorator (%s dialect)", (dialect) => {
  it.each(MODES)("prepends and appends messages (%s)", async (_mode, stream) => {
    const result = await chat(gateway.url, dialect, { model: "decorated", messages: user("Bonjour"), stream });
    expect(upstreamMessages(mock)).toEqual([
      { role: "system", content: "Answer in English." },
      { role: "user", content: "Bonjour" },
      { role: "user", content: "Be brief." },
    ]);
    expect(result.text).toBe("Echo: Be brief. ✓");
  });

  it("keeps the client's own system prompt first with afterSystem", async () => {
    await chat(gateway.url, dialect, {
      model: "decorated-after-system",
      messages: [
        { role: "system", content: "Client rules." },
        { role: "user", content: "hi" },
      ],
    });
    expect(upstreamMessages(mock)).toEqual([
      { role: "system", content: "Client rules." },
      { role: "system", content: "House rules." },
      { role: "user", content: "hi" },
    ]);
  });
});

describe.each(DIALECTS)("prompt-template from the config (%s dialect)", (dialect) => {
  it.each(MODES)("renders a named version from the body's template and variables (%s)", async (_mode, stream) => {
    const result = await chat(gateway.url, dialect, {
      model: "templated",
      messages: user("My invoice?"),
      stream,
      extra: { template: "support@1", variables: { customer: "Ada", vip: true } },
    });
    expect(result.status).toBe(200);
    expect(upstreamMessages(mock)).toEqual([
      { role: "system", content: "You help Ada with Switchyard. Be extra kind." },
      { role: "user", content: "My invoice?" },
    ]);
    const body = mock.lastRequest()?.body as Record<string, unknown>;
    expect(body).not.toHaveProperty("template");
    expect(body).not.toHaveProperty("variables");
    expect(result.text).toBe("Echo: My invoice? ✓");
  });

  it("takes the latest version and the variables from headers", async () => {
    const result = await chat(
      gateway.url,
      dialect,
      { model: "templated", messages: user("hi") },
      { "x-switchyard-template": "support", "x-switchyard-template-variables": '{"customer":"Bo","tags":["a","b"]}' },
    );
    expect(result.status).toBe(200);
    expect(upstreamMessages(mock)[0]).toEqual({ role: "system", content: "V2 for Bo (a, b)." });
  });

  it.each([
    ["a missing variable", { vip: true }, 'Template "support": variable "customer" is required (string).'],
    [
      "a wrongly typed variable",
      { customer: 5 },
      'Template "support": variable "customer" must be of type string, not number.',
    ],
    [
      "an undeclared variable",
      { customer: "A", age: 3 },
      'Template "support": variable "age" is not declared by the template.',
    ],
  ])("refuses %s with a 400 that names it", async (_case, variables, message) => {
    const result = await chat(gateway.url, dialect, {
      model: "templated",
      messages: user("hi"),
      extra: { template: "support@1", variables },
    });
    expect(result.status).toBe(400);
    expect(result.error?.message).toBe(message);
    if (dialect === "openai") {
      expect(result.error?.code).toBe("template_variables_invalid");
      expect((result.body as { error: { param: string } }).error.param).toMatch(/^variables\./);
    }
    expect(mock.requests).toHaveLength(0);
  });

  it("answers 404 for an unknown template or version", async () => {
    const result = await chat(gateway.url, dialect, {
      model: "templated",
      messages: user("hi"),
      extra: { template: "support@7", variables: {} },
    });
    expect(result.status).toBe(404);
    expect(result.error?.message).toBe('There is no prompt template "support" version 7.');
  });
});

describe("prompt-template through the admin API", () => {
  const admin = (method: string, query: string, body?: unknown) =>
    fetch(`${gateway.url}/admin/templates${query}`, {
      method,
      headers: { authorization: `Bearer ${MASTER_KEY}`, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const greeting = (text: string) => ({
    name: "greeting",
    messages: [{ role: "system", content: text }],
    variables: { name: { type: "string" } },
  });

  it("stores versions, serves the latest or a named one, and deletes", async () => {
    const first = await admin("POST", "", greeting("Greet {{ name }}."));
    expect(first.status).toBe(201);
    expect(await first.json()).toMatchObject({ name: "greeting", version: 1 });
    const second = await admin("POST", "", greeting("Greet {{ name | upcase }} warmly."));
    expect(await second.json()).toMatchObject({ name: "greeting", version: 2 });

    const versions = (await (await admin("GET", "?name=greeting")).json()) as { data: Array<{ version: number }> };
    expect(versions.data.map((template) => template.version)).toEqual([2, 1]);

    const ask = (template: string) =>
      chat(gateway.url, "openai", {
        model: "templated",
        messages: user("hi"),
        extra: { template, variables: { name: "ada" } },
      });
    await ask("greeting");
    expect(upstreamMessages(mock)[0]).toEqual({ role: "system", content: "Greet ADA warmly." });
    await ask("greeting@1");
    expect(upstreamMessages(mock)[0]).toEqual({ role: "system", content: "Greet ada." });

    expect((await admin("DELETE", "?name=greeting&version=2")).status).toBe(200);
    await ask("greeting");
    expect(upstreamMessages(mock)[0]).toEqual({ role: "system", content: "Greet ada." });
    expect((await admin("DELETE", "?name=greeting")).status).toBe(200);
    expect((await ask("greeting")).status).toBe(404);
  });

  it("refuses a template that does not parse, and needs the master key", async () => {
    const broken = await admin("POST", "", greeting("Greet {{ name "));
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as { error: { code: string } }).error.code).toBe("template_invalid");
    const unknownFilter = await admin("POST", "", greeting("{{ name | shell }}"));
    expect(unknownFilter.status).toBe(400);
    const anonymous = await fetch(`${gateway.url}/admin/templates`);
    expect(anonymous.status).toBe(401);
  });

  it("reads no files: include is refused when rendering", async () => {
    await admin("POST", "", { ...greeting("{% include 'package.json' %}"), name: "sneaky" });
    const result = await chat(gateway.url, "openai", {
      model: "templated",
      messages: user("hi"),
      extra: { template: "sneaky", variables: { name: "x" } },
    });
    expect(result.status).toBe(400);
    expect(result.error?.code).toBe("template_invalid");
    expect(result.error?.message).toContain("templates cannot read files");
    expect(mock.requests).toHaveLength(0);
  });
});

describe.each(DIALECTS)("llm-transform (%s dialect)", (dialect) => {
  it.each(MODES)(
    "rewrites the prompt with the configured model before the upstream call (%s)",
    async (_mode, stream) => {
      const result = await chat(gateway.url, dialect, { model: "rewrite-request", messages: user("Bonjour"), stream });
      expect(mock.requests).toHaveLength(2);
      expect(upstreamMessages(mock, 0)).toEqual([
        {
          role: "system",
          content: "Translate to English.\n\nAnswer with the rewritten text only, without comments.",
        },
        { role: "user", content: "Bonjour" },
      ]);
      expect(upstreamMessages(mock, 1)).toEqual([{ role: "user", content: "Echo: Bonjour ✓" }]);
      expect(result.text).toBe("Echo: Echo: Bonjour ✓ ✓");
    },
  );

  it.each(MODES)("rewrites the answer; a stream is buffered and replayed (%s)", async (_mode, stream) => {
    const result = await chat(gateway.url, dialect, { model: "rewrite-response", messages: user("hi"), stream });
    expect(mock.requests).toHaveLength(2);
    expect((mock.requests[0]?.body as { stream?: boolean } | undefined)?.stream).not.toBe(true);
    expect(upstreamMessages(mock, 1)[1]).toEqual({ role: "user", content: "Echo: hi ✓" });
    expect(result.status).toBe(200);
    expect(result.text).toBe("Echo: Echo: hi ✓ ✓");
    if (stream) expect(result.headers.get("content-type")).toContain("text/event-stream");
  });

  it("rewrites only the last user message by default", async () => {
    await chat(gateway.url, dialect, {
      model: "rewrite-request",
      messages: [
        { role: "user", content: "Salut" },
        { role: "assistant", content: "Bonjour !" },
        { role: "user", content: "Merci" },
      ],
    });
    expect(mock.requests).toHaveLength(2);
    expect(upstreamMessages(mock, 1)).toEqual([
      { role: "user", content: "Salut" },
      { role: "assistant", content: "Bonjour !" },
      { role: "user", content: "Echo: Merci ✓" },
    ]);
  });

  it("passes the original prompt on when the rewrite fails and onError is pass", async () => {
    const result = await chat(gateway.url, dialect, { model: "rewrite-fails-pass", messages: user("keep me") });
    expect(result.status).toBe(200);
    expect(upstreamMessages(mock)).toEqual([{ role: "user", content: "keep me" }]);
  });

  it("fails with transform_failed when onError is fail", async () => {
    const result = await chat(gateway.url, dialect, { model: "rewrite-fails-fail", messages: user("keep me") });
    expect(result.status).toBe(502);
    expect(result.error?.message).toMatch(
      /^llm-transform could not rewrite the request: model "upstream\/mock-error-500" failed/,
    );
  });

  it("gives up on a rewrite that takes longer than its timeout", async () => {
    const started = Date.now();
    const result = await chat(gateway.url, dialect, { model: "rewrite-times-out", messages: user("hi"), stream: true });
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(result.status).toBe(502);
    expect(result.error?.message).toBe(
      'llm-transform could not rewrite the response: model "upstream/mock-hang" gave no answer within 300 ms.',
    );
  });
});
