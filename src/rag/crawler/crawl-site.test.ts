import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAddressPolicy } from "../fetch/address-policy.js";
import type { FetchLimits } from "../fetch/fetch-limits.js";
import { type CrawledPage, crawlOptionsSchema } from "./crawl-options.js";
import { crawlSite } from "./crawl-site.js";

const html = (title: string, body: string) =>
  `<html><head><title>${title}</title><script>var skipped = 1;</script></head><body><p>${body}</p></body></html>`;

/** A small site: robots.txt, a sitemap, links several levels deep, a redirect, a binary file and an oversized page. */
function site(base: () => string): Record<string, { status?: number; type?: string; body: string; location?: string }> {
  return {
    "/robots.txt": { type: "text/plain", body: `User-agent: *\nDisallow: /private\nSitemap: ${base()}/sitemap.xml\n` },
    "/sitemap.xml": {
      type: "application/xml",
      body: `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>${base()}/from-sitemap</loc></url></urlset>`,
    },
    "/": {
      type: "text/html",
      body: html(
        "Home",
        'Welcome home. <a href="/a">A</a> <a href="/private/secret">secret</a> <a href="/file.bin">bin</a> <a href="/big">big</a> <a href="/redirect">moved</a> <a href="/docs/excluded">ex</a> <a href="/deep1">deep</a> <a href="https://elsewhere.example/">away</a>',
      ),
    },
    "/a": { type: "text/html", body: html("A", 'Page A text. <a href="/">home</a>') },
    "/private/secret": { type: "text/html", body: html("Secret", "Never crawl me.") },
    "/file.bin": { type: "application/octet-stream", body: "\u0000\u0001binary" },
    "/big": { type: "text/plain", body: "x".repeat(5000) },
    "/redirect": { status: 301, location: "/c", body: "" },
    "/c": { type: "text/plain; charset=utf-8", body: "Page C after a redirect." },
    "/docs/excluded": { type: "text/html", body: html("Excluded", "Excluded by a pattern.") },
    "/deep1": { type: "text/html", body: html("Deep 1", 'Level one. <a href="/deep2">next</a>') },
    "/deep2": { type: "text/html", body: html("Deep 2", 'Level two. <a href="/deep3">next</a>') },
    "/deep3": { type: "text/html", body: html("Deep 3", "Level three.") },
    "/from-sitemap": { type: "text/markdown", body: "# From the sitemap\n\nOnly the sitemap links here." },
  };
}

describe("crawlSite", () => {
  let server: Server;
  let base = "";
  const requested: Array<{ path: string; at: number }> = [];
  beforeAll(async () => {
    server = createServer((request, response) => {
      requested.push({ path: request.url ?? "", at: Date.now() });
      const page = site(() => base)[request.url ?? ""];
      if (!page) {
        response.writeHead(404, { "content-type": "text/plain" });
        response.end("not found");
        return;
      }
      response.writeHead(page.status ?? 200, {
        ...(page.type ? { "content-type": page.type } : {}),
        ...(page.location ? { location: page.location } : {}),
      });
      response.end(page.body);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const limits = (allowed: string[]): FetchLimits => ({
    policy: createAddressPolicy(allowed),
    maxBytes: 2000,
    timeoutMs: 5000,
    maxRedirects: 2,
    userAgent: "SwitchyardBot",
  });
  const defaults = { delayMs: 0, maxDurationMs: 30_000 };

  it("follows links to the depth limit, honours robots.txt, patterns, types and size, reads the sitemap", async () => {
    requested.length = 0;
    const pages: CrawledPage[] = [];
    const skipped: Array<[string, string]> = [];
    const result = await crawlSite(
      crawlOptionsSchema.parse({ url: `${base}/`, depth: 2, maxPages: 50, exclude: ["/docs/**"] }),
      limits(["127.0.0.1"]),
      defaults,
      {
        onPage: async (page) => {
          pages.push(page);
        },
        onSkip: (url, reason) => skipped.push([new URL(url).pathname, reason]),
      },
    );
    const paths = pages.map((page) => new URL(page.url).pathname).sort();
    expect(paths).toEqual(["/", "/a", "/c", "/deep1", "/deep2", "/from-sitemap"]);
    expect(pages.find((page) => page.url.endsWith("/a"))).toMatchObject({ title: "A", text: "Page A text. home" });
    expect(pages.find((page) => page.url === `${base}/`)?.text).not.toContain("skipped");
    const requestedPaths = requested.map((entry) => entry.path);
    expect(requestedPaths).toContain("/robots.txt");
    expect(requestedPaths).not.toContain("/private/secret");
    expect(requestedPaths).not.toContain("/docs/excluded");
    expect(requestedPaths).not.toContain("/deep3");
    expect(Object.fromEntries(skipped)).toMatchObject({
      "/private/secret": "disallowed by robots.txt",
      "/docs/excluded": "excluded by include/exclude patterns",
      "/file.bin": expect.stringContaining("is not text"),
      "/big": expect.stringContaining("over the limit of 2000"),
    });
    expect(result).toMatchObject({ ingested: 6, skipped: 4, failed: 0 });
  });

  it("stops at maxPages and keeps to include patterns", async () => {
    const pages: string[] = [];
    const result = await crawlSite(
      crawlOptionsSchema.parse({ url: `${base}/`, depth: 3, maxPages: 2, useSitemap: false }),
      limits(["127.0.0.0/8"]),
      defaults,
      { onPage: async (page) => void pages.push(page.url) },
    );
    expect(pages).toHaveLength(2);
    expect(result.ingested).toBe(2);
    const deepOnly: string[] = [];
    await crawlSite(
      crawlOptionsSchema.parse({ url: `${base}/deep1`, depth: 5, include: ["/deep*"], useSitemap: false }),
      limits(["127.0.0.0/8"]),
      defaults,
      { onPage: async (page) => void deepOnly.push(new URL(page.url).pathname) },
    );
    expect(deepOnly).toEqual(["/deep1", "/deep2", "/deep3"]);
  });

  it("waits the politeness delay between requests to the host", async () => {
    requested.length = 0;
    await crawlSite(
      crawlOptionsSchema.parse({
        url: `${base}/deep1`,
        depth: 2,
        delayMs: 80,
        useSitemap: false,
        respectRobots: false,
      }),
      limits(["127.0.0.1"]),
      defaults,
      { onPage: async () => {} },
    );
    const times = requested.map((entry) => entry.at);
    expect(times).toHaveLength(3);
    // Arrival times at the server include each connection's setup, which varies by a few ms under
    // load; the crawler spaces request starts by the full delay.
    for (let index = 1; index < times.length; index++) {
      expect((times[index] as number) - (times[index - 1] as number)).toBeGreaterThanOrEqual(60);
    }
  });

  it("refuses a loopback site unless the config allows it", async () => {
    await expect(
      crawlSite(crawlOptionsSchema.parse({ url: `${base}/` }), limits([]), defaults, { onPage: async () => {} }),
    ).rejects.toThrow(/127\.0\.0\.1 is a loopback address/);
  });
});
