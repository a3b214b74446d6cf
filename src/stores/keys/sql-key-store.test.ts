import { afterAll, describe, expect, it } from "vitest";
import { testStorages } from "../../../test/support/test-storage.js";
import { runMigrations } from "../run-migrations.js";
import { sqlRunner } from "../sql-runner.js";
import { keyMigrations } from "./key-migrations.js";
import type { KeyRecord } from "./key-records.js";
import { SqlKeyStore } from "./sql-key-store.js";

const storages = testStorages("key_store");
afterAll(() => storages.close());

async function open(kind: "sqlite" | "postgres"): Promise<SqlKeyStore> {
  const storage = await storages.open(kind);
  await runMigrations(storage, "keys", keyMigrations);
  return new SqlKeyStore(sqlRunner(storage));
}

function key(id: string, overrides: Partial<KeyRecord> = {}): KeyRecord {
  return {
    id,
    name: `name-${id}`,
    displayPrefix: "sk-sy-abc…",
    hash: `hash-${id}`,
    metadata: { team: "search" },
    models: ["gpt-4o*"],
    endpoints: [],
    limits: { rpm: 10, mode: "enforce" },
    enabled: true,
    createdAt: "2026-01-01T00:00:00.000Z",
    updatedAt: "2026-01-01T00:00:00.000Z",
    ...overrides,
  };
}

describe.each(["sqlite", "postgres"] as const)("the %s key store", (kind) => {
  it("keeps keys with their project and finds them by hash", async () => {
    const store = await open(kind);
    await store.createProject({
      id: `proj_${kind}`,
      name: "search",
      metadata: { cost_center: "7" },
      budget: { usd: 5, period: "day" },
      createdAt: "2026-01-01T00:00:00.000Z",
      updatedAt: "2026-01-01T00:00:00.000Z",
    });
    await store.createKey(key(`key_a_${kind}`, { projectId: `proj_${kind}`, expiresAt: "2027-01-01T00:00:00.000Z" }));
    const found = await store.findByHash(`hash-key_a_${kind}`);
    expect(found?.key).toMatchObject({ id: `key_a_${kind}`, models: ["gpt-4o*"], limits: { rpm: 10 }, enabled: true });
    expect(found?.project).toMatchObject({ name: "search", budget: { usd: 5, period: "day" } });
    expect(await store.findByHash("nothing")).toBeUndefined();
  });

  it("updates, clears, rotates and revokes", async () => {
    const store = await open(kind);
    await store.createKey(key(`key_b_${kind}`));
    const updated = await store.updateKey(
      `key_b_${kind}`,
      { name: "renamed", limits: null },
      "2026-02-01T00:00:00.000Z",
    );
    expect(updated).toMatchObject({ name: "renamed", limits: undefined, updatedAt: "2026-02-01T00:00:00.000Z" });
    expect((await store.getKey(`key_b_${kind}`))?.limits).toBeUndefined();
    await store.replaceSecret(`key_b_${kind}`, "new-hash", "sk-sy-new…", "2026-02-02T00:00:00.000Z");
    expect(await store.findByHash(`hash-key_b_${kind}`)).toBeUndefined();
    expect((await store.findByHash("new-hash"))?.key.displayPrefix).toBe("sk-sy-new…");
    const revoked = await store.revokeKey(`key_b_${kind}`, "2026-02-03T00:00:00.000Z");
    expect(revoked).toMatchObject({ enabled: false, revokedAt: "2026-02-03T00:00:00.000Z" });
    expect(await store.replaceSecret(`key_b_${kind}`, "again", "x", "2026-02-04T00:00:00.000Z")).toBeUndefined();
  });

  it("revokes a deleted project's keys and keeps the audit trail in order", async () => {
    const store = await open(kind);
    const at = "2026-03-01T00:00:00.000Z";
    await store.createProject({ id: `proj_c_${kind}`, name: "c", metadata: {}, createdAt: at, updatedAt: at });
    await store.createKey(key(`key_c_${kind}`, { projectId: `proj_c_${kind}`, hash: `hash-c-${kind}` }));
    expect(await store.deleteProject(`proj_c_${kind}`, at)).toBe(true);
    expect(await store.deleteProject(`proj_c_${kind}`, at)).toBe(false);
    expect((await store.getKey(`key_c_${kind}`))?.revokedAt).toBe(at);
    for (const [index, action] of ["key.create", "key.revoke"].entries()) {
      await store.appendAudit({
        id: `audit_${kind}_${index}`,
        at: `2026-03-0${index + 1}T00:00:00.000Z`,
        actor: "master-key",
        action,
        targetType: "key",
        targetId: `key_c_${kind}`,
        details: { index },
      });
    }
    const trail = await store.listAudit({ targetId: `key_c_${kind}`, limit: 10 });
    expect(trail.map((entry) => entry.action)).toEqual(["key.revoke", "key.create"]);
    expect(trail[1]?.details).toEqual({ index: 0 });
  });
});
