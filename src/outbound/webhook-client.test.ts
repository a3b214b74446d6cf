import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { WebhookClient } from "./webhook-client.js";

describe("WebhookClient", () => {
  it("POSTs the body with the caller's headers to the URL's path and query", async () => {
    const seen: Array<{ method?: string; url?: string; type?: string; body: string }> = [];
    const server = createServer((request: IncomingMessage, response) => {
      let body = "";
      request.on("data", (part) => (body += part));
      request.on("end", () => {
        seen.push({ method: request.method, url: request.url, type: request.headers["content-type"], body });
        response.writeHead(202).end("noted");
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    const client = new WebhookClient(`http://127.0.0.1:${port}/hooks/in?team=a`, 2_000);
    try {
      const response = await client.post(
        { "content-type": "application/json" },
        '{"ok":true}',
        AbortSignal.timeout(2_000),
      );
      expect(response.statusCode).toBe(202);
      expect(await response.body.text()).toBe("noted");
      expect(seen).toEqual([
        { method: "POST", url: "/hooks/in?team=a", type: "application/json", body: '{"ok":true}' },
      ]);
    } finally {
      await client.close();
      server.close();
    }
  });

  it("gives up on a webhook that never answers after the client's timeout, with no signal given", async () => {
    const server = createServer(() => {});
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    const client = new WebhookClient(`http://127.0.0.1:${port}/`, 200);
    try {
      // The server never answers: only the client's own timeout can end the request.
      await expect(client.post({}, "{}")).rejects.toThrow();
    } finally {
      await client.close();
      server.closeAllConnections();
      server.close();
    }
  });
});
