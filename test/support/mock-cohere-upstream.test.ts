import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { planCohereReply } from "./mock-cohere/chat-reply.js";
import { cohereStreamSteps } from "./mock-cohere/chat-stream.js";
import { DEFAULT_MOCK_COHERE_API_KEY, type MockUpstream, startMockCohereUpstream } from "./mock-cohere-upstream.js";

let mock: MockUpstream;

beforeAll(async () => {
  mock = await startMockCohereUpstream();
});
afterEach(() => mock.reset());
afterAll(() => mock.close());

function post(path: string, body: unknown, key: string | undefined = DEFAULT_MOCK_COHERE_API_KEY) {
  return fetch(`${mock.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify(body),
  });
}

const hello = { model: "command-a-03-2025", messages: [{ role: "user", content: "hello" }] };

describe("mock Cohere upstream", () => {
  const refusals: Array<{ name: string; path: string; body: unknown; key?: string; status: number; message: RegExp }> =
    [
      { name: "no key", path: "/v2/chat", body: hello, key: "", status: 401, message: /^no api key supplied$/ },
      { name: "a wrong key", path: "/v2/chat", body: hello, key: "nope", status: 401, message: /^invalid api token$/ },
      { name: "an unknown path", path: "/v1/chat/completions", body: hello, status: 404, message: /404/ },
      {
        name: "an OpenAI field name",
        path: "/v2/chat",
        body: { ...hello, top_p: 0.9 },
        status: 400,
        message: /unknown field: parameter top_p/,
      },
      {
        name: "an OpenAI tool_choice",
        path: "/v2/chat",
        body: { ...hello, tool_choice: "auto" },
        status: 400,
        message: /tool_choice must be one of REQUIRED, NONE/,
      },
      {
        name: "a tool message without tool_call_id",
        path: "/v2/chat",
        body: { ...hello, messages: [{ role: "tool", content: "x" }] },
        status: 400,
        message: /tool_call_id is required/,
      },
      {
        name: "embed without input_type",
        path: "/v2/embed",
        body: { model: "embed-v4.0", texts: ["a"], embedding_types: ["float"] },
        status: 400,
        message: /input_type is required/,
      },
    ];

  it.each(refusals)("refuses $name like Cohere", async ({ path, body, key, status, message }) => {
    const response = await post(path, body, key);
    expect(response.status).toBe(status);
    const error = (await response.json()) as { id: string; message: string };
    expect(error.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(error.message).toMatch(message);
  });

  it("answers in Cohere's JSON shape with tokens and billed units", async () => {
    const response = await post("/v2/chat", hello);
    expect(response.headers.get("x-debug-trace-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(await response.json()).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      message: { role: "assistant", content: [{ type: "text", text: "Echo: hello ✓" }] },
      finish_reason: "COMPLETE",
      usage: {
        billed_units: { input_tokens: 1, output_tokens: 3 },
        tokens: { input_tokens: 181, output_tokens: 5 },
        cached_tokens: 0,
      },
    });
    expect(mock.lastRequest()?.body).toEqual(hello);
  });

  it("streams named events whose data repeats the type, ending with message-end", async () => {
    const response = await post("/v2/chat", { ...hello, stream: true });
    expect(response.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    const blocks = (await response.text()).split("\n\n").filter((block) => block !== "");
    const types = blocks.map((block) => {
      const [eventLine, dataLine] = block.split("\n");
      const type = eventLine?.replace(/^event: /, "");
      expect((JSON.parse(dataLine?.replace(/^data: /, "") ?? "") as { type: string }).type).toBe(type);
      return type;
    });
    expect(types[0]).toBe("message-start");
    expect(types.slice(1, 2)).toEqual(["content-start"]);
    expect(types.slice(-2)).toEqual(["content-end", "message-end"]);
  });

  it("cuts streams into writes that split events and a multi-byte character", () => {
    const steps = cohereStreamSteps(planCohereReply(hello), "command-a-03-2025");
    const writes = steps.flatMap((step) => (step.kind === "write" ? [step.bytes] : []));
    expect(writes.some((bytes) => !isValidUtf8(bytes))).toBe(true);
    expect(writes.some((bytes) => bytes.toString("utf8").split("event: ").length > 2)).toBe(true);
    expect(Buffer.concat(writes).toString("utf8")).toContain('"text":" ✓"');
  });

  it("embeds by type", async () => {
    const response = await post("/v2/embed", {
      model: "embed-v4.0",
      texts: ["a b"],
      input_type: "search_query",
      embedding_types: ["float"],
    });
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      texts: ["a b"],
      meta: { api_version: { version: "2" }, billed_units: { input_tokens: 2 } },
      response_type: "embeddings_by_type",
    });
    expect((body.embeddings as { float: number[][] }).float[0]).toHaveLength(8);
  });
});

function isValidUtf8(bytes: Buffer): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}
