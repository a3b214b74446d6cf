import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DEFAULT_MOCK_API_KEY,
  type MockOpenAIUpstream,
  startMockOpenAIUpstream,
} from "../support/mock-openai-upstream.js";
import { type GatewayProcess, startGateway } from "../support/start-gateway.js";

// Cache namespaces with real gateway keys: per key by default, per project, or shared.
const masterKey = "admin-key-for-cache-namespace-tests";
let mock: MockOpenAIUpstream;
let gateway: GatewayProcess;
const keys: Record<"first" | "sameProject" | "otherProject", string> = { first: "", sameProject: "", otherProject: "" };

async function admin(path: string, body: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(`${gateway.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${masterKey}` },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(201);
  return (await response.json()) as Record<string, unknown>;
}

beforeAll(async () => {
  mock = await startMockOpenAIUpstream();
  const target = { targets: [{ provider: "upstream", model: "gpt-4o-mini" }] };
  gateway = await startGateway({
    admin: { masterKey },
    auth: { mode: "required" },
    providers: { upstream: { type: "openai", baseUrl: `${mock.url}/v1`, apiKey: DEFAULT_MOCK_API_KEY } },
    models: {
      "per-key": { ...target, plugins: [{ use: "cache" }] },
      "per-project": { ...target, plugins: [{ use: "cache", with: { namespace: "project" } }] },
      shared: { ...target, plugins: [{ use: "cache", with: { namespace: "shared" } }] },
    },
  });
  const project = await admin("/admin/projects", { name: "cache-project" });
  const otherProject = await admin("/admin/projects", { name: "other-cache-project" });
  keys.first = String((await admin("/admin/keys", { name: "first", project: project.id })).key);
  keys.sameProject = String((await admin("/admin/keys", { name: "same", project: project.id })).key);
  keys.otherProject = String((await admin("/admin/keys", { name: "other", project: otherProject.id })).key);
});

afterAll(async () => {
  await gateway?.stop();
  await mock?.close();
});

async function ask(model: string, key: string, text: string): Promise<string | null> {
  const response = await fetch(`${gateway.url}/v1/chat/completions`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
    body: JSON.stringify({ model, messages: [{ role: "user", content: text }] }),
  });
  expect(response.status).toBe(200);
  await response.arrayBuffer();
  return response.headers.get("x-switchyard-cache");
}

describe("cache namespaces with gateway keys", () => {
  it("keeps each key's entries apart by default", async () => {
    expect(await ask("per-key", keys.first, "namespace per key")).toBe("miss");
    expect(await ask("per-key", keys.sameProject, "namespace per key")).toBe("miss");
    expect(await ask("per-key", keys.first, "namespace per key")).toBe("hit");
  });

  it("shares entries within a project and not across projects", async () => {
    expect(await ask("per-project", keys.first, "namespace per project")).toBe("miss");
    expect(await ask("per-project", keys.sameProject, "namespace per project")).toBe("hit");
    expect(await ask("per-project", keys.otherProject, "namespace per project")).toBe("miss");
  });

  it("shares entries with every key when shared", async () => {
    expect(await ask("shared", keys.first, "namespace shared")).toBe("miss");
    expect(await ask("shared", keys.otherProject, "namespace shared")).toBe("hit");
  });
});
