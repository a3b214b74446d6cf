import { execFile } from "node:child_process";
import { resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DEFAULT_MOCK_API_KEY,
  type MockOpenAIUpstream,
  startMockOpenAIUpstream,
} from "../support/mock-openai-upstream.js";
import { type GatewayProcess, startGateway } from "../support/start-gateway.js";
import { chat, errorCode, MASTER_KEY } from "./keys-support.js";

const CLI = resolve(import.meta.dirname, "../../dist/cli/index.js");
let mock: MockOpenAIUpstream;
let gateway: GatewayProcess;

beforeAll(async () => {
  mock = await startMockOpenAIUpstream();
  gateway = await startGateway({
    admin: { masterKey: MASTER_KEY },
    auth: "required",
    providers: { upstream: { type: "openai", baseUrl: `${mock.url}/v1`, apiKey: DEFAULT_MOCK_API_KEY } },
    models: { smart: { targets: [{ provider: "upstream", model: "gpt-4o-mini" }] } },
  });
});

afterAll(async () => {
  await gateway?.stop();
  await mock?.close();
});

async function keys(...args: string[]): Promise<{ stdout: string; code: number }> {
  try {
    const { stdout } = await promisify(execFile)(process.execPath, [CLI, "keys", ...args], {
      env: { ...process.env, SWITCHYARD_URL: gateway.url, SWITCHYARD_MASTER_KEY: MASTER_KEY },
    });
    return { stdout, code: 0 };
  } catch (error) {
    const failed = error as { stdout: string; stderr: string; code: number };
    return { stdout: failed.stdout + failed.stderr, code: failed.code };
  }
}

describe("switchyard keys", () => {
  it("creates, lists, rotates and revokes keys against the admin API", async () => {
    const created = await keys("create", "--name", "cli-team", "--models", "smart", "--rpm", "10", "--json");
    expect(created.code).toBe(0);
    const { id, key } = JSON.parse(created.stdout) as { id: string; key: string };
    expect((await chat(gateway.url, key, "smart")).status).toBe(200);

    const listed = await keys("list");
    expect(listed.stdout).toMatch(/^ID\s+NAME\s+PROJECT\s+KEY\s+STATUS\s+MODELS/);
    expect(listed.stdout).toContain(id);
    expect(listed.stdout).toContain("active");
    expect(listed.stdout).not.toContain(key);

    const rotated = await keys("rotate", id);
    const fresh = /New secret \(shown once\): (\S+)/.exec(rotated.stdout)?.[1];
    expect(fresh).toMatch(/^sk-sy-/);
    expect(errorCode(await chat(gateway.url, key, "smart"))).toBe("invalid_api_key");

    expect((await keys("revoke", id)).stdout).toContain(`Revoked key ${id}.`);
    expect(errorCode(await chat(gateway.url, String(fresh), "smart"))).toBe("key_revoked");
  });

  it("reports API errors and usage mistakes with a non-zero exit", async () => {
    expect((await keys("revoke", "key_missing")).code).toBe(1);
    expect((await keys("create")).code).toBe(2);
  });
});
