import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type MockUpstream, startMockOllamaUpstream } from "./mock-ollama-upstream.js";

let mock: MockUpstream;

beforeAll(async () => {
  mock = await startMockOllamaUpstream();
});
afterEach(() => mock.reset());
afterAll(() => mock.close());

function post(path: string, body: unknown) {
  return fetch(`${mock.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

const hello = { model: "llama3.2", messages: [{ role: "user", content: "hello" }] };

describe("mock Ollama upstream", () => {
  it("streams NDJSON when the body does not say stream false", async () => {
    const response = await post("/api/chat", hello);
    expect(response.headers.get("content-type")).toBe("application/x-ndjson");
    const lines = (await response.text())
      .split("\n")
      .filter((line) => line !== "")
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.at(-1)).toMatchObject({ done: true, done_reason: "stop", prompt_eval_count: 11, eval_count: 4 });
    expect(lines.slice(0, -1).every((line) => line.done === false)).toBe(true);
    const text = lines.map((line) => (line.message as { content: string }).content).join("");
    expect(text).toBe("Echo: hello ✓");
  });

  it("answers one object with stream false", async () => {
    const response = await post("/api/chat", { ...hello, stream: false });
    expect(response.headers.get("content-type")).toBe("application/json");
    expect(await response.json()).toMatchObject({
      model: "llama3.2",
      message: { role: "assistant", content: "Echo: hello ✓" },
      done: true,
      done_reason: "stop",
    });
  });

  const refusals: Array<{ name: string; body: unknown; status: number; error: RegExp }> = [
    { name: "no model", body: { messages: [] }, status: 400, error: /^model is required$/ },
    {
      name: "an image with its data: prefix",
      body: { ...hello, messages: [{ role: "user", content: "x", images: ["data:image/png;base64,AAAA"] }] },
      status: 400,
      error: /^illegal base64 data at input byte 4$/,
    },
    {
      name: "tool-call arguments as a string",
      body: {
        ...hello,
        messages: [{ role: "assistant", content: "", tool_calls: [{ function: { name: "f", arguments: "{}" } }] }],
      },
      status: 400,
      error: /cannot unmarshal string .* api.ToolCallFunctionArguments/,
    },
    {
      name: "content parts instead of a string",
      body: { ...hello, messages: [{ role: "user", content: [{ type: "text", text: "x" }] }] },
      status: 400,
      error: /cannot unmarshal array/,
    },
    {
      name: "an unknown model scenario",
      body: { ...hello, model: "mock-error-404" },
      status: 404,
      error: /try pulling it/,
    },
  ];

  it.each(refusals)("refuses $name like Ollama", async ({ body, status, error }) => {
    const response = await post("/api/chat", body);
    expect(response.status).toBe(status);
    expect(((await response.json()) as { error: string }).error).toMatch(error);
  });

  it("answers unknown paths in plain text", async () => {
    const response = await post("/v1/whatever", hello);
    expect(response.status).toBe(404);
    expect(await response.text()).toBe("404 page not found");
  });

  it("embeds a string or a list", async () => {
    const one = (await (await post("/api/embed", { model: "all-minilm", input: "hi there" })).json()) as Record<
      string,
      unknown
    >;
    expect(one).toMatchObject({ model: "all-minilm", prompt_eval_count: 2 });
    expect(one.embeddings as number[][]).toHaveLength(1);
    const response = await post("/api/embed", { model: "all-minilm", input: [1, 2] });
    expect(response.status).toBe(400);
  });
});
