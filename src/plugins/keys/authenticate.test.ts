import { describe, expect, it } from "vitest";
import { authSchema } from "../../config/auth-schema.js";
import { openSqliteStorage } from "../../stores/sqlite-storage.js";
import { createPriceTable } from "../../telemetry/price-table.js";
import { authenticate, presentedKey } from "./authenticate.js";
import { GatewayKeys } from "./gateway-keys.js";
import { generateKeySecret } from "./key-secret.js";

async function keysWith(mode: "required" | "optional") {
  const keys = await GatewayKeys.open({
    auth: authSchema.parse({ mode }),
    storage: openSqliteStorage("sqlite::memory:", "/"),
    prices: createPriceTable(),
    warn: () => {},
  });
  const { secret, hash, displayPrefix } = generateKeySecret();
  const now = new Date().toISOString();
  await keys.store.createKey({
    id: "key_1",
    name: "team",
    displayPrefix,
    hash,
    metadata: { team: "search" },
    models: ["gpt-4o*", "openai/**"],
    endpoints: ["chat"],
    enabled: true,
    createdAt: now,
    updatedAt: now,
  });
  return { keys, secret };
}

describe("authenticate", () => {
  it("accepts the key as Bearer or x-api-key and tells who is calling", async () => {
    const { keys, secret } = await keysWith("required");
    for (const headers of [{ authorization: `Bearer ${secret}` }, { "x-api-key": secret }]) {
      const result = await authenticate(keys, headers, "chat", "gpt-4o-mini");
      expect(result?.auth).toEqual({
        keyId: "key_1",
        keyName: "team",
        projectId: undefined,
        metadata: { team: "search" },
      });
    }
  });

  it("matches model globs: * within a segment, ** across", async () => {
    const { keys, secret } = await keysWith("required");
    const headers = { authorization: `Bearer ${secret}` };
    await expect(authenticate(keys, headers, "chat", "openai/gpt-4o")).resolves.toBeDefined();
    await expect(authenticate(keys, headers, "chat", "azure/gpt-4o")).rejects.toMatchObject({
      code: "model_not_allowed",
      status: 403,
    });
    await expect(authenticate(keys, headers, "embeddings", "gpt-4o")).rejects.toMatchObject({
      code: "endpoint_not_allowed",
    });
  });

  it("ignores credentials that are not gateway keys only when auth is optional", async () => {
    const optional = await keysWith("optional");
    await expect(authenticate(optional.keys, { authorization: "Bearer unused" }, "chat", "x")).resolves.toBeUndefined();
    await expect(authenticate(optional.keys, {}, "chat", "x")).resolves.toBeUndefined();
    await expect(
      authenticate(optional.keys, { authorization: "Bearer sk-sy-forged" }, "chat", "x"),
    ).rejects.toMatchObject({
      code: "invalid_api_key",
    });
    const required = await keysWith("required");
    await expect(authenticate(required.keys, { authorization: "Bearer unused" }, "chat", "x")).rejects.toMatchObject({
      code: "invalid_api_key",
    });
    await expect(authenticate(required.keys, {}, "chat", "x")).rejects.toMatchObject({ code: "missing_api_key" });
  });

  it("prefers the gateway key when a client sends both headers", () => {
    expect(presentedKey({ authorization: "Bearer sk-provider", "x-api-key": "sk-sy-gateway" })).toBe("sk-sy-gateway");
  });
});
