import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DEFAULT_MOCK_API_KEY,
  type MockOpenAIUpstream,
  startMockOpenAIUpstream,
} from "../support/mock-openai-upstream.js";
import { type GatewayProcess, startGateway } from "../support/start-gateway.js";

// A small site on loopback; the gateway's config allows 127.0.0.1 explicitly (rag.fetch.allowedNetworks).
const MASTER_KEY = "rag-crawl-master-key-0123456789";
const page = (title: string, body: string) =>
  `<html><head><title>${title}</title></head><body><p>${body}</p></body></html>`;
const SITE: Record<string, { type: string; body: string }> = {
  "/robots.txt": { type: "text/plain", body: "User-agent: *\nDisallow: /internal\n" },
  "/": {
    type: "text/html",
    body: page(
      "Docs home",
      'Start here. <a href="/guide/install">Install</a> <a href="/internal/admin">Internal</a> <a href="/blog/news">News</a> <a href="/guide/deep">Deep</a>',
    ),
  },
  "/guide/install": { type: "text/html", body: page("Install", "Install the gateway with npm ci and start it.") },
  "/guide/deep": { type: "text/html", body: page("Deep", 'Level one. <a href="/guide/deeper">deeper</a>') },
  "/guide/deeper": { type: "text/html", body: page("Deeper", "Level two is beyond the depth limit.") },
  "/internal/admin": { type: "text/html", body: page("Internal", "Robots say no.") },
  "/blog/news": { type: "text/html", body: page("News", "Excluded by a pattern.") },
};

let site: Server;
let siteUrl = "";
const requested: string[] = [];
let mock: MockOpenAIUpstream;
let gateway: GatewayProcess;

const admin = async (gatewayUrl: string, method: string, path: string, body?: unknown) => {
  const response = await fetch(`${gatewayUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${MASTER_KEY}`, ...(body ? { "content-type": "application/json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

function config(allowedNetworks: string[]) {
  return {
    admin: { masterKey: MASTER_KEY },
    providers: { upstream: { type: "openai", baseUrl: `${mock.url}/v1`, apiKey: DEFAULT_MOCK_API_KEY } },
    rag: { fetch: { allowedNetworks }, crawl: { delayMs: 0 } },
  };
}

beforeAll(async () => {
  site = createServer((request, response) => {
    requested.push(request.url ?? "");
    const entry = SITE[request.url ?? ""];
    response.writeHead(entry ? 200 : 404, { "content-type": entry?.type ?? "text/plain" });
    response.end(entry?.body ?? "not found");
  });
  await new Promise<void>((resolve) => site.listen(0, "127.0.0.1", resolve));
  siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
  mock = await startMockOpenAIUpstream();
  gateway = await startGateway(config(["127.0.0.1/32"]));
});

afterAll(async () => {
  await gateway?.stop();
  await mock?.close();
  await new Promise<void>((resolve) => site.close(() => resolve()));
});

describe("crawling a site into a knowledge base", () => {
  it("crawls within depth and page limits, honouring robots.txt and exclude patterns; progress through the job", async () => {
    await admin(gateway.url, "POST", "/admin/knowledge-bases", {
      name: "site",
      embedder: "upstream/mock-bag-of-words",
    });
    const started = await admin(gateway.url, "POST", "/admin/knowledge-bases/site/crawl", {
      url: `${siteUrl}/`,
      depth: 1,
      maxPages: 10,
      exclude: ["/blog/**"],
      metadata: { origin: "site" },
    });
    expect(started).toMatchObject({ status: 202, body: { object: "ingestion_job", status: "running", kind: "crawl" } });
    const id = started.body.id as string;
    let job = started.body;
    for (let attempt = 0; attempt < 100 && job.status === "running"; attempt++) {
      await sleep(50);
      job = (await admin(gateway.url, "GET", `/admin/knowledge-bases/site/jobs/${id}`)).body;
    }
    expect(job).toMatchObject({ status: "completed", progress: { ingested: 3, skipped: 2, failed: 0 } });
    const problems = job.problems as Array<{ url: string; reason: string }>;
    expect(problems.map((problem) => [new URL(problem.url).pathname, problem.reason])).toEqual(
      expect.arrayContaining([
        ["/blog/news", "excluded by include/exclude patterns"],
        ["/internal/admin", "disallowed by robots.txt"],
      ]),
    );
    expect(requested).toContain("/robots.txt");
    expect(requested).not.toContain("/internal/admin");
    expect(requested).not.toContain("/blog/news");
    expect(requested).not.toContain("/guide/deeper");
    const documents = (await admin(gateway.url, "GET", "/admin/knowledge-bases/site/documents")).body.data as Array<{
      url: string;
      metadata: Record<string, string>;
    }>;
    expect(documents.map((document) => new URL(document.url).pathname).sort()).toEqual([
      "/",
      "/guide/deep",
      "/guide/install",
    ]);
    expect(documents[0]?.metadata).toEqual({ origin: "site" });
    const search = await admin(gateway.url, "POST", "/admin/knowledge-bases/site/search", {
      query: "install with npm",
      topK: 1,
    });
    expect((search.body.data as Array<{ url: string; title: string }>)[0]).toMatchObject({
      url: `${siteUrl}/guide/install`,
      title: "Install",
    });

    // A second crawl limited to one page re-ingests nothing that did not change.
    const again = await admin(gateway.url, "POST", "/admin/knowledge-bases/site/crawl", {
      url: `${siteUrl}/`,
      maxPages: 1,
      metadata: { origin: "site" },
    });
    let second = again.body;
    for (let attempt = 0; attempt < 100 && second.status === "running"; attempt++) {
      await sleep(50);
      second = (await admin(gateway.url, "GET", `/admin/knowledge-bases/site/jobs/${again.body.id as string}`)).body;
    }
    expect(second).toMatchObject({ status: "completed", progress: { ingested: 1, unchanged: 1 } });
  });

  it("refuses the same loopback site when the config does not allow it", async () => {
    const strict = await startGateway(config([]));
    try {
      await admin(strict.url, "POST", "/admin/knowledge-bases", {
        name: "site",
        embedder: "upstream/mock-bag-of-words",
      });
      const refused = await admin(strict.url, "POST", "/admin/knowledge-bases/site/crawl", { url: `${siteUrl}/` });
      expect(refused).toMatchObject({ status: 400, body: { error: { code: "fetch_refused" } } });
      expect((refused.body.error as { message: string }).message).toMatch(/127\.0\.0\.1 is a loopback address/);
    } finally {
      await strict.stop();
    }
  });
});
