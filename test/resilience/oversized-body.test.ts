// An over-limit body sent with Content-Length must reach the client as a 413 it can read,
// not as EPIPE or a reset while the client is still sending.
import OpenAI from "openai";
import { request as undiciRequest } from "undici";
import { describe, expect, it } from "vitest";
import { gatewayOverMockOpenAI } from "../support/gateway-over-mock-openai.js";

const TRIES = 100;
const running = gatewayOverMockOpenAI({ server: { bodyLimit: "64kb" } });

/** A chat body of about `bytes` bytes. */
function bodyOf(bytes: number): string {
  return JSON.stringify({ model: "upstream/gpt-4o-mini", messages: [{ role: "user", content: "x".repeat(bytes) }] });
}

describe("an over-limit body with Content-Length", () => {
  it(`answers ${TRIES} × 413 through undici`, async () => {
    const body = bodyOf(1024 * 1024);
    const statuses: Array<number | string> = [];
    for (let i = 0; i < TRIES; i++) {
      try {
        const response = await undiciRequest(`${running.gateway.url}/v1/chat/completions`, {
          method: "POST",
          headers: { "content-type": "application/json", "content-length": String(Buffer.byteLength(body)) },
          body,
        });
        const answer = (await response.body.json()) as { error: { type: string } };
        statuses.push(answer.error.type === "invalid_request_error" ? response.statusCode : "wrong body");
      } catch (error) {
        statuses.push(error instanceof Error ? `${(error as NodeJS.ErrnoException).code ?? error.message}` : "error");
      }
    }
    expect(statuses.filter((status) => status !== 413)).toEqual([]);
  }, 60_000);

  it(`answers ${TRIES} × 413 through the openai client without retries`, async () => {
    const client = new OpenAI({ baseURL: `${running.gateway.url}/v1`, apiKey: "x", maxRetries: 0 });
    const content = "x".repeat(1024 * 1024);
    const statuses: Array<number | string> = [];
    for (let i = 0; i < TRIES; i++) {
      try {
        await client.chat.completions.create({ model: "upstream/gpt-4o-mini", messages: [{ role: "user", content }] });
        statuses.push(200);
      } catch (error) {
        statuses.push(error instanceof OpenAI.APIError && error.status !== undefined ? error.status : String(error));
      }
    }
    expect(statuses.filter((status) => status !== 413)).toEqual([]);
  }, 60_000);
});
