// Starting and stopping the processes of a run: the mock upstream and the load generator on one
// core, the gateway (or the minimal proxy it is compared with) on the other.
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { stringify } from "yaml";

const ROOT = resolve(import.meta.dirname, "..");
export const GATEWAY_CORE = 0;
export const CLIENT_CORE = 1;

/** Whether taskset exists and the machine has the two cores the layout needs. */
export function canPin(cores) {
  if (cores < 2) return false;
  try {
    execFileSync("taskset", ["-V"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** Pins every thread of this process (the load generator) to one core. */
export function pinSelf(core) {
  execFileSync("taskset", ["-a", "-c", "-p", String(core), String(process.pid)], { stdio: "ignore" });
}

/**
 * Raises the scheduling priority of every thread of this process (negative nice needs root);
 * the processes it starts afterwards inherit it.
 * Returns false when not allowed; the run then goes on at normal priority.
 */
export function raisePriority(niceness) {
  try {
    for (const thread of readdirSync("/proc/self/task")) {
      execFileSync("renice", ["-n", String(niceness), "-p", thread], { stdio: "ignore" });
    }
    return true;
  } catch {
    return false;
  }
}

/** Starts node pinned to a core with taskset; a raised priority (raisePriority) is inherited. */
function spawnNode(args, core, layout) {
  const [command, ...commandArgs] = [
    ...(layout.pinned ? ["taskset", "-c", String(core)] : []),
    process.execPath,
    ...args,
  ];
  // taskset execs node, so the child's pid is node's pid (its /proc entry is the gateway's).
  return spawn(command, commandArgs, { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
}

function waitForLine(child, pattern, what) {
  let output = "";
  return new Promise((resolveMatch, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} did not start:\n${output}`)), 20_000);
    const onData = (data) => {
      output += data.toString();
      const match = pattern.exec(output);
      if (match) {
        clearTimeout(timer);
        child.stdout.off("data", onData);
        resolveMatch(match[1]);
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", (data) => {
      output += data.toString();
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`${what} exited with ${code}:\n${output}`));
    });
  });
}

function handle(child, url, stderr) {
  const exited = new Promise((resolveExit) => child.once("exit", (code) => resolveExit(code)));
  child.stdout.resume();
  return {
    url,
    pid: child.pid,
    stderr: () => stderr.text,
    async stop() {
      if (child.exitCode === null) child.kill("SIGTERM");
      return exited;
    },
  };
}

function collect(child) {
  const stderr = { text: "" };
  child.stderr.on("data", (data) => {
    if (stderr.text.length < 20_000) stderr.text += data.toString();
  });
  return stderr;
}

/** `layout`: { pinned, niceness } — see spawnNode. */
export async function startMock(layout) {
  const child = spawnNode(["bench/mock-upstream.mjs"], CLIENT_CORE, layout);
  const stderr = collect(child);
  const url = await waitForLine(child, /mock upstream listening on (http:\/\/\S+)/, "the mock upstream");
  return handle(child, url, stderr);
}

/** The do-nothing proxy, on the gateway's core, as the floor the gateway is compared with. */
export async function startMinimalProxy(mockUrl, layout) {
  const child = spawnNode(["bench/minimal-proxy.mjs", mockUrl], GATEWAY_CORE, layout);
  const stderr = collect(child);
  const url = await waitForLine(child, /minimal proxy listening on (http:\/\/\S+)/, "the minimal proxy");
  return handle(child, url, stderr);
}

/** The config of the gateway under test: one OpenAI-compatible provider (the mock), one virtual model per pacing. */
export function gatewayConfig(mockUrl, directory) {
  return {
    server: { host: "127.0.0.1" },
    storage: { url: `sqlite://${join(directory, "switchyard.db")}` },
    logging: { level: "warn" },
    // SWITCHYARD_BENCH_LOGGING=off measures the gateway without request logs (no sinks).
    ...(process.env.SWITCHYARD_BENCH_LOGGING === "off" ? { telemetry: { sinks: [] } } : {}),
    providers: {
      mock: {
        type: "openai-compatible",
        baseUrl: `${mockUrl}/v1`,
        apiKey: "x",
        // The default (256) would queue the slow-stream test's 1,000 upstream requests.
        maxConnections: 1_100,
      },
    },
    models: {
      bench: { targets: [{ provider: "mock", model: "bench-model" }] },
      "bench-first": { targets: [{ provider: "mock", model: "first-5" }] },
      "bench-slow": { targets: [{ provider: "mock", model: "slow-250" }] },
    },
  };
}

/**
 * The node flags on the `#!` line of the built `switchyard` bin (e.g. `--max-semi-space-size=8`),
 * so that the bench runs the gateway the way the installed command does. `tree`: the checkout
 * whose dist/ is read (this one by default).
 */
export function gatewayNodeFlags(tree = ROOT) {
  const [firstLine] = readFileSync(join(tree, "dist/cli/index.js"), "utf8").split("\n", 1);
  const words = firstLine.startsWith("#!") ? firstLine.slice(2).trim().split(/\s+/) : [];
  return words.filter((word) => word.startsWith("--"));
}

/**
 * Starts the built gateway (`dist/cli/index.js start`) with its bin's node flags.
 * Options: `config(directory)` gives the config, its files under a fresh temporary directory
 * (default: gatewayConfig for `mockUrl`); `profileDirectory` records a V8 CPU profile there;
 * `tree` runs another checkout's built dist/ (compare-trees.mjs).
 */
export async function startGateway(
  mockUrl,
  layout,
  { config = (directory) => gatewayConfig(mockUrl, directory), profileDirectory, tree = ROOT } = {},
) {
  const directory = mkdtempSync(join(tmpdir(), "switchyard-bench-"));
  const configPath = join(directory, "switchyard.yaml");
  writeFileSync(configPath, stringify(config(directory)));
  const profile = profileDirectory ? ["--cpu-prof", `--cpu-prof-dir=${profileDirectory}`] : [];
  const bin = join(tree, "dist/cli/index.js");
  const args = [...gatewayNodeFlags(tree), ...profile, bin, "start", "--config", configPath, "--port", "0"];
  const child = spawnNode(args, GATEWAY_CORE, layout);
  const stderr = collect(child);
  const url = await waitForLine(child, /Switchyard listening on (http:\/\/\S+)/, "the gateway");
  return handle(child, url, stderr);
}
