import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Agent, Pool, requestWith } from "./undici-dispatchers.js";

describe("undici dispatchers loaded without undici's index", () => {
  const server = createServer((request, response) => {
    response.setHeader("content-type", "text/plain");
    response.end(`${request.method} ${request.url}`);
  });
  let origin = "";

  beforeAll(async () => {
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => server.close());

  it("sends a request through a Pool", async () => {
    const pool = new Pool(origin, { connections: 1 });
    const response = await requestWith(pool, { path: "/v1/x?y=1", method: "POST", body: "{}" });
    expect(response.statusCode).toBe(200);
    expect(await response.body.text()).toBe("POST /v1/x?y=1");
    await pool.close();
  });

  it("sends a request through an Agent to any origin", async () => {
    const agent = new Agent();
    const response = await requestWith(agent, { origin, path: "/hook", method: "GET" });
    expect(await response.body.text()).toBe("GET /hook");
    await agent.close();
  });
});
