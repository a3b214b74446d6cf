import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { stringify } from "yaml";

const CLI = resolve(import.meta.dirname, "../../dist/cli/index.js");

export interface GatewayProcess {
  /** e.g. http://127.0.0.1:41234 */
  url: string;
  port: number;
  child: ChildProcess;
  configPath: string;
  /** Everything the process wrote so far. */
  output(): string;
  /** Sends a signal and resolves with the exit code once the process exits. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  /** Rewrites the config file (for reload tests). */
  writeConfig(config: Record<string, unknown>): void;
}

export interface StartGatewayOptions {
  env?: NodeJS.ProcessEnv;
  /** Extra CLI arguments. */
  args?: string[];
  /** ms to wait for the listening line. */
  timeoutMs?: number;
}

/**
 * Starts the real gateway process (the built CLI) on a random port with the given config
 * object written as YAML. Tests must run `npm run build` first (the test script does).
 */
export async function startGateway(
  config: Record<string, unknown>,
  options: StartGatewayOptions = {},
): Promise<GatewayProcess> {
  const directory = mkdtempSync(join(tmpdir(), "switchyard-test-"));
  const configPath = join(directory, "switchyard.yaml");
  const withDefaults = {
    ...config,
    storage: config.storage ?? { url: `sqlite://${join(directory, "switchyard.db")}` },
    logging: config.logging ?? { level: "warn" },
  };
  writeFileSync(configPath, stringify(withDefaults));
  const child = spawn(
    process.execPath,
    [CLI, "start", "--config", configPath, "--port", "0", ...(options.args ?? [])],
    {
      env: { ...process.env, ...options.env },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<number | null>((resolveExit) => child.once("exit", (code) => resolveExit(code)));
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`gateway did not start:\n${output}`)), options.timeoutMs ?? 30_000);
    const check = () => {
      const match = /Switchyard listening on (http:\/\/\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolveUrl(match[1]);
      }
    };
    child.stdout?.on("data", check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`gateway exited with ${code} before listening:\n${output}`));
    });
  });
  return {
    url,
    port: Number(new URL(url).port),
    child,
    configPath,
    output: () => output,
    async stop(signal = "SIGTERM") {
      if (child.exitCode !== null) return child.exitCode;
      child.kill(signal);
      return exited;
    },
    writeConfig(next) {
      writeFileSync(configPath, stringify({ ...next, storage: withDefaults.storage, logging: withDefaults.logging }));
    },
  };
}
