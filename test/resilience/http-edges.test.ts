// What Node's HTTP layer would answer on its own (parser errors, Expect, HEAD, slow clients) and
// compressed bodies, sent over raw sockets: each gets a JSON error of the right status.
import { connect } from "node:net";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { gatewayOverMockOpenAI } from "../support/gateway-over-mock-openai.js";

const running = gatewayOverMockOpenAI({ server: { headersTimeoutMs: 1_000, requestTimeoutMs: 2_000 } });

interface RawAnswer {
  status: number;
  headers: string;
  body: string;
}

/** Writes `parts` to a fresh connection (pausing `pauseMs` between them) and reads until it closes or answers. */
function raw(parts: Array<string | Buffer>, pauseMs = 0): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect(running.gateway.port, "127.0.0.1");
    let received = Buffer.alloc(0);
    const headEnd = (): number => received.indexOf("\r\n\r\n");
    const finish = (): void => {
      const end = headEnd();
      const head = received.subarray(0, end === -1 ? received.length : end).toString("latin1");
      resolve({
        status: Number(head.split(" ")[1]),
        headers: head.toLowerCase(),
        body: end === -1 ? "" : received.subarray(end + 4).toString("utf8"),
      });
    };
    socket.on("data", (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      const end = headEnd();
      if (end === -1) return;
      const length = /content-length: (\d+)/i.exec(received.subarray(0, end).toString("latin1"))?.[1];
      if (length !== undefined && received.length - (end + 4) >= Number(length)) {
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
