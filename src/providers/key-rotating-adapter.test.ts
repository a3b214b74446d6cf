import { describe, expect, it } from "vitest";
import { DEFAULT_MOCK_API_KEY, startMockOpenAIUpstream } from "../../test/support/mock-openai-upstream.js";
import { configSchema } from "../config/schema.js";
import type { ChatRequest } from "../contract/chat-request.js";
import { AbortScope } from "../outbound/abort-scope.js";
import { createProvider } from "./create-provider.js";

const request: ChatRequest = {
  model: "m",
  messages: [{ role: "user", content: [{ type: "text", text: "hi" }] }],
  sampling: {},
  stream: false,
  providerOptions: {},
};

describe("several upstream keys for one provider", () => {
  it("sends requests with each key in turn", async () => {
    const mock = await startMockOpenAIUpstream({ apiKey: DEFAULT_MOCK_API_KEY });
    const config = configSchema.parse({
      providers: {
        pool: {
          type: "openai-compatible",
          baseUrl: `${mock.url}/v1`,
          apiKeys: ["key-a", "key-b", DEFAULT_MOCK_API_KEY],
        },
      },
    });
    const adapter = await createProvider("pool", config.providers.pool!);
    try {
      for (let call = 0; call < 3; call++) {
        await adapter
          .chat(request, { upstreamModel: "gpt-4o-mini", abort: new AbortScope(), requestId: "r" })
          .catch(() => undefined);
      }
      expect(mock.requests.map((recorded) => recorded.headers.authorization)).toEqual([
        "Bearer key-a",
        "Bearer key-b",
        `Bearer ${DEFAULT_MOCK_API_KEY}`,
      ]);
    } finally {
      await adapter.close();
      await mock.close();
    }
  });
});
