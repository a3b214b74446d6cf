import { describe, expect, it } from "vitest";
import { configSchema } from "../../config/schema.js";
import { passThroughHeaders } from "./pass-through-headers.js";

const { providers } = configSchema.parse({
  providers: {
    open: { type: "openai", allowClientKeys: true },
    claude: { type: "anthropic", apiKey: "x", allowClientKeys: true },
    azure: { type: "azure", allowClientKeys: true },
    gemini: { type: "gemini", allowClientKeys: true },
    bedrock: { type: "bedrock", allowClientKeys: true },
    managed: { type: "openai" },
  },
});

describe("pass-through headers", () => {
  it("puts the client's key in each provider's own auth header", () => {
    const headersFor = passThroughHeaders({ "x-upstream-api-key": "sk-client" }, providers, "required");
    expect(headersFor?.("open")).toEqual({ authorization: "Bearer sk-client" });
    expect(headersFor?.("claude")).toEqual({ "x-api-key": "sk-client" });
    expect(headersFor?.("azure")).toEqual({ "api-key": "sk-client" });
    expect(headersFor?.("gemini")).toEqual({ "x-goog-api-key": "sk-client" });
    expect(headersFor?.("bedrock")).toBeUndefined();
    expect(headersFor?.("managed")).toBeUndefined();
  });

  it("takes a non-gateway credential only with auth optional, and never a gateway key", () => {
    expect(passThroughHeaders({ authorization: "Bearer sk-own" }, providers, "optional")?.("open")).toEqual({
      authorization: "Bearer sk-own",
    });
    expect(passThroughHeaders({ authorization: "Bearer sk-own" }, providers, "required")).toBeUndefined();
    expect(passThroughHeaders({ authorization: "Bearer sk-sy-gateway" }, providers, "optional")).toBeUndefined();
  });
});
