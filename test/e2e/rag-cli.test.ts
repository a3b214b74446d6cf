import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runKb } from "../../src/cli/kb-command.js";
import { minimalPdf } from "../../src/rag/loaders/minimal-pdf.js";
import {
  DEFAULT_MOCK_API_KEY,
  type MockOpenAIUpstream,
  startMockOpenAIUpstream,
} from "../support/mock-openai-upstream.js";
import { type GatewayProcess, startGateway } from "../support/start-gateway.js";

const MASTER_KEY = "rag-cli-master-key-0123456789";
let mock: MockOpenAIUpstream;
let gateway: GatewayProcess;
let site: Server;
let siteUrl = "";

async function kb(...argv: string[]): Promise<{ code: number; out: string; err: string; progress: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const stream = new PassThrough();
  let progress = "";
  stream.on("data", (chunk: Buffer) => {
    progress += chunk.toString();
  });
  const code = await runKb(argv, {
    env: { SWITCHYARD_URL: gateway.url, SWITCHYARD_MASTER_KEY: MASTER_KEY },
    print: (line) => out.push(line),
    printError: (line) => err.push(line),
    progressStream: stream,
    pollMs: 50,
  });
  return { code, out: out.join("\n"), err: err.join("\n"), progress };
}

beforeAll(async () => {
  site = createServer((request, response) => {
    const pages: Record<string, string> = {
      "/": '<html><body><p>Welcome to the docs.</p><a href="/a">a</a> <a href="/b">b</a></body></html>',
      "/a": "<html><head><title>Alpha</title></head><body><p>Alpha page about deployment.</p></body></html>",
      "/b": "<html><head><title>Beta</title></head><body><p>Beta page about monitoring.</p></body></html>",
    };
    const body = pages[request.url ?? ""];
    response.writeHead(body ? 200 : 404, { "content-type": body ? "text/html" : "text/plain" });
    response.end(body ?? "not found");
  });
  await new Promise<void>((resolve) => site.listen(0, "127.0.0.1", resolve));
  siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
  mock = await startMockOpenAIUpstream();
  gateway = await startGateway({
    admin: { masterKey: MASTER_KEY },
    providers: { upstream: { type: "openai", baseUrl: `${mock.url}/v1`, apiKey: DEFAULT_MOCK_API_KEY } },
    rag: { fetch: { allowedNetworks: ["127.0.0.1"] }, crawl: { delayMs: 20 } },
  });
});

afterAll(async () => {
  await gateway?.stop();
  await mock?.close();
  await new Promise<void>((resolve) => site.close(() => resolve()));
});

describe("switchyard kb", () => {
  it("creates a knowledge base, adds files, searches, crawls with a progress bar, removes and deletes", async () => {
    expect(await kb("create", "cli", "--embedder", "upstream/mock-bag-of-words", "--chunk-size", "400")).toMatchObject({
      code: 0,
      out: "created knowledge base cli (embedder upstream/mock-bag-of-words)",
    });
    const folder = mkdtempSync(join(tmpdir(), "switchyard-kb-"));
    writeFileSync(join(folder, "notes.md"), "# Notes\n\nBackups run every night at two.");
    writeFileSync(join(folder, "guide.pdf"), minimalPdf(["Certificates renew automatically every ninety days."]));
    const added = await kb("add", "cli", join(folder, "notes.md"), join(folder, "guide.pdf"), "--metadata", "team=ops");
    expect(added.code).toBe(0);
    expect(added.out).toMatch(/notes\.md: created .* \(1 chunks\)\n.*guide\.pdf: created/);

    const searched = await kb("search", "cli", "when", "do", "certificates", "renew", "--top-k", "1");
    expect(searched.out).toMatch(/^1\. \[[\d.]+\] guide\.pdf\n {3}Certificates renew automatically/);

    const crawled = await kb("crawl", "cli", `${siteUrl}/`, "--depth", "1", "--max-pages", "3");
    expect(crawled.code).toBe(0);
    expect(crawled.out).toMatch(/completed: 3 pages ingested \(0 unchanged\), 0 skipped, 0 failed, 3 chunks/);
    expect(crawled.progress).toContain("crawl [");
    expect(crawled.progress).toContain("3/3 pages");

    const documents = await kb("docs", "cli");
    expect(documents.out.split("\n")).toHaveLength(5);
    const id =
      documents.out
        .split("\n")
        .find((line) => line.includes("notes.md"))
        ?.split("\t")[0] ?? "";
    expect((await kb("remove", "cli", id)).code).toBe(0);
    expect((await kb("list")).out).toBe("cli\tupstream/mock-bag-of-words\t4 documents\t4 chunks");
    expect((await kb("delete", "cli")).code).toBe(0);
    expect(await kb("search", "cli", "x")).toMatchObject({
      code: 1,
      err: expect.stringContaining("knowledge_base_not_found"),
    });
  });
});
