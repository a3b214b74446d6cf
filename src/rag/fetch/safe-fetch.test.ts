import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAddressPolicy } from "./address-policy.js";
import type { FetchLimits } from "./fetch-limits.js";
import { safeFetch } from "./safe-fetch.js";

const limits = (allowed: string[] = []): FetchLimits => ({
  policy: createAddressPolicy(allowed),
  maxBytes: 1000,
  timeoutMs: 2000,
  maxRedirects: 3,
  userAgent: "switchyard-test",
});

describe("safeFetch refuses unsafe addresses", () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    server = createServer((request, response) => {
      if (request.url === "/to-private") {
        response.writeHead(302, { location: "http://10.0.0.1/secret" });
        response.end();
      } else if (request.url === "/to-metadata") {
        response.writeHead(301, { location: "http://169.254.169.254/latest/meta-data/" });
        response.end();
      } else if (request.url === "/loop") {
        response.writeHead(302, { location: "/loop" });
        response.end();
      } else if (request.url === "/image") {
        response.writeHead(200, { "content-type": "image/png" });
        response.end(Buffer.alloc(10));
      } else if (request.url === "/big") {
        response.writeHead(200, { "content-type": "text/plain" });
        response.end("x".repeat(5000));
      } else {
        response.writeHead(200, { "content-type": "text/plain; charset=utf-8" });
        response.end("hello");
      }
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it.each([
    ["127.0.0.1", "http://127.0.0.1/", "loopback"],
    ["::1", "http://[::1]/", "loopback"],
    ["10.x", "http://10.20.30.40/", "private"],
    ["172.16.x", "http://172.16.5.4/", "private"],
    ["192.168.x", "http://192.168.0.10/", "private"],
    ["cloud metadata", "http://169.254.169.254/latest/meta-data/", "metadata"],
    ["IPv4-mapped IPv6", "http://[::ffff:127.0.0.1]/", "loopback"],
    ["fd00::/8", "http://[fd00::5]/", "unique local"],
    ["a name resolving to loopback", "http://localhost/", "loopback"],
  ])("refuses %s", async (_name, url, reason) => {
    await expect(safeFetch(url, limits())).rejects.toMatchObject({
      kind: "refused",
      message: expect.stringContaining(reason),
    });
  });

  it("refuses a redirect to a private address even when the first host is allowed", async () => {
    await expect(safeFetch(`${base}/to-private`, limits(["127.0.0.1"]))).rejects.toThrow(/10\.0\.0\.1 is a private/);
    await expect(safeFetch(`${base}/to-metadata`, limits(["127.0.0.1"]))).rejects.toThrow(/metadata/);
  });

  it("fetches from loopback only when the config allows it", async () => {
    await expect(safeFetch(`${base}/`, limits())).rejects.toThrow(/loopback/);
    const page = await safeFetch(`${base}/`, limits(["127.0.0.0/8"]));
    expect(page.body.toString()).toBe("hello");
    expect(page.contentType).toContain("text/plain");
  });

  it("bounds redirects, size and content type", async () => {
    const allowed = limits(["127.0.0.1"]);
    await expect(safeFetch(`${base}/loop`, allowed)).rejects.toThrow(/redirected more than 3 times/);
    await expect(safeFetch(`${base}/big`, allowed)).rejects.toThrow(/over the limit of 1000/);
    await expect(safeFetch(`${base}/image`, allowed)).rejects.toThrow(/image\/png" is not text/);
    await expect(safeFetch("file:///etc/passwd", allowed)).rejects.toThrow(/only http and https/);
  });
});
