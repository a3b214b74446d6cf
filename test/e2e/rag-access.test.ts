import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import {
  DEFAULT_MOCK_API_KEY,
  type MockOpenAIUpstream,
  startMockOpenAIUpstream,
} from "../support/mock-openai-upstream.js";
import { type GatewayProcess, startGateway } from "../support/start-gateway.js";

// Which gateway keys may use which knowledge base, with real keys issued by the keys plugin.
const MASTER_KEY = "rag-access-master-key-0123456789";
let mock: MockOpenAIUpstream;
let gateway: GatewayProcess;

const call = async (method: string, path: string, body: unknown, bearer = MASTER_KEY, headers = {}) => {
  const response = await fetch(`${gateway.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${bearer}`, "content-type": "application/json", ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as Record<string, unknown>,
  };
};

const ask = (bearer: string, headers: Record<string, string> = {}) =>
  call(
    "POST",
    "/v1/chat/completions",
    { model: "bot", messages: [{ role: "user", content: "payroll cut-off date" }] },
    bearer,
    headers,
  );

beforeAll(async () => {
  mock = await startMockOpenAIUpstream();
  gateway = await startGateway({
    admin: { masterKey: MASTER_KEY },
    providers: { upstream: { type: "openai", baseUrl: `${mock.url}/v1`, apiKey: DEFAULT_MOCK_API_KEY } },
    models: { bot: { targets: [{ provider: "upstream", model: "gpt-4o-mini" }], plugins: [{ use: "rag", with: {} }] } },
  });
});

afterAll(async () => {
  await gateway?.stop();
  await mock?.close();
});

describe("knowledge base access by gateway key", () => {
  it("lets only the listed keys use a knowledge base, per header or through the key's metadata; PATCH changes it", async () => {
    const allowed = (await call("POST", "/admin/keys", { name: "finance", metadata: { rag: "payroll" } })).body;
    const other = (await call("POST", "/admin/keys", { name: "sales" })).body;
    expect(typeof allowed.key).toBe("string");
    await call("POST", "/admin/knowledge-bases", {
      name: "payroll",
      embedder: "upstream/mock-bag-of-words",
      access: { keys: [allowed.id] },
    });
    await call("POST", "/admin/knowledge-bases/payroll/documents", {
      text: "The payroll cut-off date is the twentieth of each month.",
      source: "payroll.md",
    });

    // The finance key gets the context through its metadata, without any header.
    const viaKey = await ask(allowed.key as string);
    expect(viaKey.status).toBe(200);
    expect(JSON.parse(viaKey.headers.get("x-switchyard-rag-sources") ?? "[]")[0]).toMatchObject({
      source: "payroll.md",
    });
    const upstream = mock.requests.filter((request) => request.path === "/v1/chat/completions").at(-1);
    expect(JSON.stringify(upstream?.body)).toContain("twentieth of each month");

    // Another key naming it by header is refused.
    const refused = await ask(other.key as string, { "x-switchyard-rag": "payroll" });
    expect(refused).toMatchObject({ status: 403, body: { error: { code: "knowledge_base_forbidden" } } });

    // Opening the knowledge base to everyone lets the other key use it.
    const patched = await call("PATCH", "/admin/knowledge-bases/payroll", { access: { keys: [], projects: [] } });
    expect(patched.body).toMatchObject({ access: { keys: [], projects: [] } });
    const open = await ask(other.key as string, { "x-switchyard-rag": "payroll" });
    expect(open.status).toBe(200);
    expect(open.headers.get("x-switchyard-rag-sources")).toContain("payroll.md");
  });
});

describe("switchyard validate with the rag plugin", () => {
  it("accepts valid options and names the field of a bad one", () => {
    const folder = mkdtempSync(join(tmpdir(), "switchyard-rag-validate-"));
    const cli = resolve(import.meta.dirname, "../../dist/cli/index.js");
    const validate = (ragOptions: Record<string, unknown>) => {
      const path = join(folder, `config-${Math.random().toString(36).slice(2)}.yaml`);
      writeFileSync(
        path,
        stringify({
          providers: { upstream: { type: "openai", baseUrl: "http://127.0.0.1:9/v1", apiKey: "x" } },
          models: {
            bot: { targets: [{ provider: "upstream", model: "m" }], plugins: [{ use: "rag", with: ragOptions }] },
          },
        }),
      );
      return spawnSync(process.execPath, [cli, "validate", "--config", path], { encoding: "utf8" });
    };
    expect(validate({ knowledgeBases: ["docs"], topK: 3, hybrid: true }).status).toBe(0);
    const bad = validate({ topK: 0 });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain("models.bot.plugins[0].with.topK");
  });
});
