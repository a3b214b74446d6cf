import { once } from "node:events";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isGatewayError } from "../contract/errors.js";
import { AbortScope } from "./abort-scope.js";
import { UpstreamClient } from "./upstream-client.js";

const MIB = 1024 * 1024;
const TIMEOUTS = { connectMs: 2_000, firstByteMs: 5_000, totalMs: 5_000, idleMs: 5_000 };

/** Routes by path: a big body in small writes, early hints, and a request that hangs until told. */
const hanging: ServerResponse[] = [];
function answer(request: IncomingMessage, response: ServerResponse): void {
  request.resume();
  if (request.url === "/big") {
    let sent = 0;
    const piece = Buffer.alloc(16 * 1024);
    const writeMore = () => {
      while (sent < MIB) {
        piece.fill(sent / piece.length);
        sent += piece.length;
        if (!response.write(piece)) return void response.once("drain", writeMore);
      }
      response.end();
    };
    writeMore();
  } else if (request.url === "/hints") {
    response.writeEarlyHints({ link: "</style.css>; rel=preload; as=style" });
    response.setHeader("content-type", "application/json");
    response.end('{"ok":true}');
  } else if (request.url === "/hang") {
    hanging.push(response);
  } else {
    response.end("plain");
  }
}

describe("UpstreamClient", () => {
  const server = createServer(answer);
  let origin = "";

  beforeAll(async () => {
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    for (const response of hanging) response.destroy();
    server.close();
  });

  it("reads a large body slowly, whole and in order (the socket pauses meanwhile)", async () => {
    const client = new UpstreamClient("test", origin, TIMEOUTS, 4);
    const response = await client.request({ path: "/big", method: "GET", headers: {}, signal: new AbortScope() });
    expect(response.status).toBe(200);
    let received = 0;
    let inOrder = true;
    for await (const chunk of response.body) {
      for (let index = 0; index < chunk.length; index += 4096) {
        if (chunk[index] !== Math.floor((received + index) / (16 * 1024)) % 256) inOrder = false;
      }
      received += chunk.length;
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(received).toBe(MIB);
    expect(inOrder).toBe(true);
    await client.close();
  });

  it("skips informational answers and gives the final one", async () => {
    const client = new UpstreamClient("test", origin, TIMEOUTS, 4);
    const response = await client.request({ path: "/hints", method: "GET", headers: {}, signal: new AbortScope() });
    expect(response.status).toBe(200);
    expect(response.headers["content-type"]).toBe("application/json");
    expect(await response.body.text()).toBe('{"ok":true}');
    await client.close();
  });

  it("refuses at once a request aborted while it waits for a connection, and drops it", async () => {
    const client = new UpstreamClient("test", origin, TIMEOUTS, 1);
    const first = client.request({ path: "/hang", method: "GET", headers: {}, signal: new AbortScope() });
    const waiting = new AbortScope();
    const second = client.request({ path: "/hang", method: "GET", headers: {}, signal: waiting });
    await new Promise((resolve) => setTimeout(resolve, 50));
    waiting.abort(new Error("client disconnected"));
    const refused = await second.catch((error: unknown) => error);
    expect(isGatewayError(refused) && refused.code).toBe("upstream_unreachable");
    expect(hanging).toHaveLength(1);
    hanging.shift()?.end("done");
    expect(await (await first).body.text()).toBe("done");
    const next = await client.request({ path: "/plain", method: "GET", headers: {}, signal: new AbortScope() });
    expect(await next.body.text()).toBe("plain");
    expect(hanging).toHaveLength(0);
    await client.close();
  });

  it("stops a request that outlives the provider's total timeout", async () => {
    const client = new UpstreamClient("test", origin, { ...TIMEOUTS, totalMs: 100 }, 1);
    const failure = await client
      .request({ path: "/hang", method: "GET", headers: {}, signal: new AbortScope() })
      .catch((error: unknown) => error);
    expect(isGatewayError(failure) && failure.code).toBe("upstream_timeout");
    hanging.shift()?.destroy();
    await client.close();
  });
});
