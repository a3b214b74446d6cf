import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { minimalPdf } from "../../src/rag/loaders/minimal-pdf.js";
import {
  DEFAULT_MOCK_API_KEY,
  type MockOpenAIUpstream,
  startMockOpenAIUpstream,
} from "../support/mock-openai-upstream.js";
import { type GatewayProcess, startGateway } from "../support/start-gateway.js";

// Embedder in these tests: the mock upstream's `mock-bag-of-words` model (a normalised bag of
// hashed words), so chunks that share words with the question are the similar ones.
const MASTER_KEY = "rag-e2e-master-key-0123456789";
const EMBEDDER = "upstream/mock-bag-of-words";
let mock: MockOpenAIUpstream;
let gateway: GatewayProcess;

/** The fields these tests read from admin answers (they assert the shapes they rely on). */
interface AdminAnswer {
  id: string;
  status: string;
  error: { code: string; message: string; param?: string };
  data: Array<{ source: string; text: string; score: number; knowledgeBase: string }>;
  [field: string]: unknown;
}

const admin = async (method: string, path: string, body?: unknown) => {
  const response = await fetch(`${gateway.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${MASTER_KEY}`, ...(body ? { "content-type": "application/json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as AdminAnswer };
};

const chat = (model: string, content: string, headers: Record<string, string> = {}, stream = false) =>
  fetch(`${gateway.url}/v1/chat/completions`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ model, stream, messages: [{ role: "user", content }] }),
  });

const upstreamChats = () => mock.requests.filter((request) => request.path === "/v1/chat/completions");

beforeAll(async () => {
  mock = await startMockOpenAIUpstream();
  gateway = await startGateway({
    admin: { masterKey: MASTER_KEY },
    providers: {
      upstream: { type: "openai", baseUrl: `${mock.url}/v1`, apiKey: DEFAULT_MOCK_API_KEY, models: ["gpt-4o-mini"] },
    },
    models: {
      "handbook-bot": {
        targets: [{ provider: "upstream", model: "gpt-4o-mini" }],
        plugins: [{ use: "rag", with: { knowledgeBases: ["handbook"], topK: 2, threshold: 0.3 } }],
      },
      assistant: {
        targets: [{ provider: "upstream", model: "gpt-4o-mini" }],
        plugins: [
          {
            use: "rag",
            with: {
              topK: 1,
              sources: "both",
              position: "before-last-user",
              template: "Context:\n{{context}}\n---",
              chunkTemplate: "({{source}}) {{text}}",
            },
          },
        ],
      },
    },
  });
  const created = await admin("POST", "/admin/knowledge-bases", {
    name: "handbook",
    embedder: EMBEDDER,
    chunk: { size: 300, overlap: 0 },
  });
  expect(created.status).toBe(201);
  expect(created.body).toMatchObject({ object: "knowledge_base", name: "handbook", embedder: EMBEDDER, documents: 0 });
});

afterAll(async () => {
  await gateway?.stop();
  await mock?.close();
});

describe("knowledge bases through the admin API", () => {
  it("needs the admin key and refuses a duplicate name", async () => {
    const anonymous = await fetch(`${gateway.url}/admin/knowledge-bases`);
    expect(anonymous.status).toBe(401);
    const duplicate = await admin("POST", "/admin/knowledge-bases", { name: "handbook", embedder: EMBEDDER });
    expect(duplicate).toMatchObject({ status: 409, body: { error: { code: "knowledge_base_exists" } } });
    const invalid = await admin("POST", "/admin/knowledge-bases", { name: "bad name!", embedder: EMBEDDER });
    expect(invalid).toMatchObject({ status: 400, body: { error: { code: "invalid_request", param: "name" } } });
  });

  it("ingests text and uploaded md, html and pdf files, lists and searches them", async () => {
    const text = await admin("POST", "/admin/knowledge-bases/handbook/documents", {
      text: "Vacation days: every employee gets thirty vacation days per year.",
      source: "handbook.md",
      metadata: { lang: "en" },
    });
    expect(text).toMatchObject({ status: 201, body: { object: "document", status: "created", chunkCount: 1 } });
    const markdown = await admin("POST", "/admin/knowledge-bases/handbook/documents", {
      file: {
        name: "expenses.md",
        data: Buffer.from("# Expenses\n\nTravel expenses are refunded within ten days.").toString("base64"),
      },
      metadata: { lang: "en" },
    });
    expect(markdown.body).toMatchObject({ source: "expenses.md", title: "Expenses" });
    const html = await admin("POST", "/admin/knowledge-bases/handbook/documents", {
      file: {
        name: "office.html",
        data: Buffer.from(
          "<html><head><title>Office</title></head><body><p>The office opens at eight o'clock.</p></body></html>",
        ).toString("base64"),
      },
      metadata: { lang: "en" },
    });
    expect(html.body).toMatchObject({ source: "office.html", title: "Office" });
    const pdf = await admin("POST", "/admin/knowledge-bases/handbook/documents", {
      file: {
        name: "payroll.pdf",
        data: minimalPdf(["Salaries are paid on the last working day of the month."]).toString("base64"),
      },
      metadata: { lang: "en" },
    });
    expect(pdf.status).toBe(201);
    const german = await admin("POST", "/admin/knowledge-bases/handbook/documents", {
      text: "Urlaubstage: jeder Mitarbeiter hat dreissig Urlaubstage pro Jahr vacation.",
      source: "handbuch.md",
      metadata: { lang: "de" },
    });
    expect(german.status).toBe(201);

    const documents = await admin("GET", "/admin/knowledge-bases/handbook/documents");
    expect(documents.body.data.map((document: { source: string }) => document.source).sort()).toEqual([
      "expenses.md",
      "handbook.md",
      "handbuch.md",
      "office.html",
      "payroll.pdf",
    ]);
    const search = await admin("POST", "/admin/knowledge-bases/handbook/search", {
      query: "when are salaries paid",
      topK: 1,
    });
    expect(search.body.data[0]).toMatchObject({ source: "payroll.pdf", knowledgeBase: "handbook" });
    expect(search.body.data[0]?.text).toContain("Salaries are paid on the last working day");
    const filtered = await admin("POST", "/admin/knowledge-bases/handbook/search", {
      query: "vacation days per year",
      filter: { lang: "de" },
    });
    expect(filtered.body.data.map((chunk: { source: string }) => chunk.source)).toEqual(["handbuch.md"]);
    const hybrid = await admin("POST", "/admin/knowledge-bases/handbook/search", {
      query: "office opens",
      hybrid: true,
      mmr: { lambda: 0.7 },
      topK: 2,
    });
    expect(hybrid.body.data[0]?.source).toBe("office.html");
    const listed = await admin("GET", "/admin/knowledge-bases");
    expect(listed.body.data).toEqual([expect.objectContaining({ name: "handbook", documents: 5 })]);
  });

  it("updates and deletes documents, and re-ingesting unchanged text does nothing", async () => {
    const created = await admin("POST", "/admin/knowledge-bases/handbook/documents", {
      text: "The parking garage is closed on Sundays.",
      source: "parking.md",
    });
    const id = created.body.id as string;
    const same = await admin("POST", "/admin/knowledge-bases/handbook/documents", {
      text: "The parking garage is closed on Sundays.",
      source: "parking.md",
    });
    expect(same).toMatchObject({ status: 200, body: { id, status: "unchanged" } });
    const updated = await admin("PUT", `/admin/knowledge-bases/handbook/documents/${id}`, {
      text: "The parking garage is open every day including Sundays.",
      source: "parking.md",
    });
    expect(updated).toMatchObject({ status: 200, body: { id, status: "updated" } });
    const found = await admin("POST", "/admin/knowledge-bases/handbook/search", {
      query: "parking garage Sundays",
      topK: 1,
    });
    expect(found.body.data[0]?.text).toContain("open every day");
    expect((await admin("DELETE", `/admin/knowledge-bases/handbook/documents/${id}`)).status).toBe(200);
    expect((await admin("GET", `/admin/knowledge-bases/handbook/documents/${id}`)).body.error.code).toBe(
      "document_not_found",
    );
  });

  it("refuses a URL on a loopback or metadata address that the config does not allow", async () => {
    for (const url of ["http://127.0.0.1:9/", "http://169.254.169.254/latest/meta-data/", "http://localhost/"]) {
      const refused = await admin("POST", "/admin/knowledge-bases/handbook/documents", { url });
      expect(refused).toMatchObject({ status: 400, body: { error: { code: "fetch_refused", param: "url" } } });
    }
    const crawl = await admin("POST", "/admin/knowledge-bases/handbook/crawl", { url: "http://10.0.0.8/docs" });
    expect(crawl.body.error.message).toMatch(/10\.0\.0\.8 is a private address/);
  });
});

describe("the rag plugin", () => {
  it("puts the retrieved context into the exact upstream request and returns the sources", async () => {
    mock.reset();
    const requestId = `rag-e2e-${Date.now()}`;
    const response = await chat("handbook-bot", "How many vacation days does every employee get?", {
      "x-request-id": requestId,
    });
    expect(response.status).toBe(200);
    const sources = JSON.parse(response.headers.get("x-switchyard-rag-sources") ?? "[]");
    expect(sources[0]).toMatchObject({ index: 1, knowledgeBase: "handbook", source: "handbook.md" });
    expect(sources[0].score).toBeGreaterThan(0.3);
    const upstream = upstreamChats()[0]?.body as { messages: Array<{ role: string; content: string }> };
    expect(upstream.messages).toHaveLength(2);
    expect(upstream.messages[0]?.role).toBe("system");
    expect(upstream.messages[0]?.content).toContain(
      "[1] handbook.md\nVacation days: every employee gets thirty vacation days per year.",
    );
    expect(upstream.messages[0]?.content).toMatch(/^Answer using the context below/);
    expect(upstream.messages[1]).toEqual({ role: "user", content: "How many vacation days does every employee get?" });
    // The query embedding went to the embedder through the gateway's routing.
    const embeddings = mock.requests.filter((request) => request.path === "/v1/embeddings");
    expect(embeddings.at(-1)?.body).toMatchObject({
      model: "mock-bag-of-words",
      input: ["How many vacation days does every employee get?"],
    });
    // The log event records the sources (written after the response, so poll briefly).
    let logged: { fields?: { ragSources?: Array<{ source: string }>; ragKnowledgeBases?: string[] } } = {};
    for (let attempt = 0; attempt < 50 && !logged.fields?.ragSources; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      logged = (await admin("GET", `/admin/logs/${requestId}`)).body as typeof logged;
    }
    expect(logged.fields?.ragKnowledgeBases).toEqual(["handbook"]);
    expect(logged.fields?.ragSources?.[0]).toMatchObject({ source: "handbook.md", knowledgeBase: "handbook" });
  });

  it("works for clients of the Anthropic Messages API too", async () => {
    mock.reset();
    const response = await fetch(`${gateway.url}/v1/messages`, {
      method: "POST",
      headers: { "content-type": "application/json", "anthropic-version": "2023-06-01" },
      body: JSON.stringify({
        model: "handbook-bot",
        max_tokens: 100,
        messages: [{ role: "user", content: "When does the office open?" }],
      }),
    });
    expect(response.status).toBe(200);
    expect(JSON.parse(response.headers.get("x-switchyard-rag-sources") ?? "[]")[0]).toMatchObject({
      source: "office.html",
    });
    const upstream = upstreamChats()[0]?.body as { messages: Array<{ role: string; content: string }> };
    expect(upstream.messages[0]?.role).toBe("system");
    expect(upstream.messages[0]?.content).toContain("The office opens at eight o'clock.");
  });

  it("streams with the sources header too", async () => {
    const response = await chat("handbook-bot", "When are salaries paid?", {}, true);
    expect(response.headers.get("content-type")).toContain("text/event-stream");
    expect(JSON.parse(response.headers.get("x-switchyard-rag-sources") ?? "[]")[0]).toMatchObject({
      source: "payroll.pdf",
    });
    expect(await response.text()).toContain("[DONE]");
  });

  it("adds nothing when no chunk passes the threshold", async () => {
    mock.reset();
    const response = await chat("handbook-bot", "Quantum chromodynamics lattice gauge?");
    expect(response.headers.get("x-switchyard-rag-sources")).toBeNull();
    const upstream = upstreamChats()[0]?.body as { messages: unknown[] };
    expect(upstream.messages).toHaveLength(1);
  });

  it("uses knowledge bases and filters a request names by header, before the last user message, with a sources field", async () => {
    mock.reset();
    const response = await chat("assistant", "vacation days per year", {
      "x-switchyard-rag": "handbook",
      "x-switchyard-rag-filter": "lang=de",
    });
    const body = (await response.json()) as { switchyard_rag_sources?: Array<{ source: string }> };
    expect(body.switchyard_rag_sources?.map((source) => source.source)).toEqual(["handbuch.md"]);
    const upstream = upstreamChats()[0]?.body as { messages: Array<{ role: string; content: unknown }> };
    expect(upstream.messages).toEqual([
      {
        role: "user",
        content: [
          {
            type: "text",
            text: "Context:\n(handbuch.md) Urlaubstage: jeder Mitarbeiter hat dreissig Urlaubstage pro Jahr vacation.\n---",
          },
          { type: "text", text: "vacation days per year" },
        ],
      },
    ]);
    const without = await chat("assistant", "vacation days per year");
    expect(without.headers.get("x-switchyard-rag-sources")).toBeNull();
    const off = await chat("handbook-bot", "vacation days per year", { "x-switchyard-rag": "none" });
    expect(off.headers.get("x-switchyard-rag-sources")).toBeNull();
  });

  it("answers 404 for a knowledge base the request names that does not exist", async () => {
    const response = await chat("assistant", "hello", { "x-switchyard-rag": "nope" });
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("knowledge_base_not_found");
  });
});
