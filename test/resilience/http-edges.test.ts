// What Node's HTTP layer would answer on its own (parser errors, Expect, HEAD, slow clients) and
// compressed bodies, sent over raw sockets: each gets a JSON error of the right status.
import { connect } from "node:net";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DEFAULT_MOCK_API_KEY,
  type MockOpenAIUpstream,
  startMockOpenAIUpstream,
} from "../support/mock-openai-upstream.js";
import { type GatewayProcess, startGateway } from "../support/start-gateway.js";

let mock: MockOpenAIUpstream;
let gateway: GatewayProcess;

beforeAll(async () => {
  mock = await startMockOpenAIUpstream();
  gateway = await startGateway({
    server: { headersTimeoutMs: 1_000, requestTimeoutMs: 2_000 },
    providers: { upstream: { type: "openai", baseUrl: `${mock.url}/v1`, apiKey: DEFAULT_MOCK_API_KEY } },
  });
});

afterAll(async () => {
  await gateway?.stop();
  await mock?.close();
});

interface RawAnswer {
  status: number;
  headers: string;
  body: string;
}

/** Writes `parts` to a fresh connection (pausing `pauseMs` between them) and reads until it closes or answers. */
function raw(parts: Array<string | Buffer>, pauseMs = 0): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect(gateway.port, "127.0.0.1");
    let received = Buffer.alloc(0);
    const finish = (): void => {
      const text = received.toString("utf8");
      const split = text.indexOf("\r\n\r\n");
      const head = split === -1 ? text : text.slice(0, split);
      resolve({
        status: Number(head.split(" ")[1]),
        headers: head.toLowerCase(),
        body: split === -1 ? "" : text.slice(split + 4),
      });
    };
    socket.on("data", (chunk) => {
      received = Buffer.concat([received, chunk]);
      const text = received.toString("utf8");
      const split = text.indexOf("\r\n\r\n");
      const length = /content-length: (\d+)/i.exec(text.slice(0, split))?.[1];
      if (
        split !== -1 &&
        length !== undefined &&
        received.length - Buffer.byteLength(text.slice(0, split + 4)) >= Number(length)
      ) {
        socket.destroy();
        finish();
      }
    });
    socket.on("close", finish);
    socket.on("error", reject);
    void (async () => {
      for (const part of parts) {
        if (socket.destroyed) return;
        socket.write(part);
        if (pauseMs) await new Promise((wait) => setTimeout(wait, pauseMs));
      }
    })();
  });
}

function errorOf(answer: RawAnswer): { code: string; type: string; message: string } {
  return (JSON.parse(answer.body) as { error: { code: string; type: string; message: string } }).error;
}

const chatBody = JSON.stringify({ model: "upstream/gpt-4o-mini", messages: [{ role: "user", content: "hi" }] });

describe("the HTTP edges", () => {
  it("answers a malformed request line with 400 JSON", async () => {
    const answer = await raw(["GARBAGE\r\n\r\n"]);
    expect(answer.status).toBe(400);
    expect(answer.headers).toContain("content-type: application/json");
    expect(errorOf(answer).code).toBe("invalid_request");
  });

  it("answers oversized headers with 431 JSON", async () => {
    const answer = await raw([`GET /v1/models HTTP/1.1\r\nhost: x\r\nx-big: ${"a".repeat(20_000)}\r\n\r\n`]);
    expect(answer.status).toBe(431);
    expect(errorOf(answer).code).toBe("headers_too_large");
  });

  it("answers an unknown Expect with 417 JSON", async () => {
    const answer = await raw(["GET /v1/models HTTP/1.1\r\nhost: x\r\nexpect: teapot\r\nconnection: close\r\n\r\n"]);
    expect(answer.status).toBe(417);
    expect(errorOf(answer).code).toBe("expectation_failed");
  });

  it("answers headers that trickle past headersTimeoutMs with 408 JSON", async () => {
    const answer = await raw(["GET /v1/models HTTP/1.1\r\n", "host: x\r\n", "x-a: 1\r\n", "x-b: 1\r\n"], 1_000);
    expect(answer.status).toBe(408);
    expect(errorOf(answer).code).toBe("request_timeout");
  }, 15_000);

  it("answers HEAD on a GET route, and HEAD /, like GET without a body", async () => {
    for (const path of ["/", "/healthz"]) {
      const answer = await raw([`HEAD ${path} HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n`]);
      expect(answer.status, path).toBe(200);
      expect(answer.body, path).toBe("");
    }
  });

  it("decodes a gzip body and refuses zstd with 415", async () => {
    const gzipped = gzipSync(chatBody);
    const ok = await raw([
      `POST /v1/chat/completions HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-encoding: gzip\r\ncontent-length: ${gzipped.length}\r\nconnection: close\r\n\r\n`,
      gzipped,
    ]);
    expect(ok.status).toBe(200);
    const refused = await raw([
      `POST /v1/chat/completions HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-encoding: zstd\r\ncontent-length: ${chatBody.length}\r\nconnection: close\r\n\r\n${chatBody}`,
    ]);
    expect(refused.status).toBe(415);
    expect(errorOf(refused).code).toBe("unsupported_media_type");
  });
});
