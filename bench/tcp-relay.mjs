// A second floor beside the minimal proxy, where the machine has it: HAProxy relaying TCP to the
// mock on the gateway's core. It parses no HTTP and runs no JavaScript, so what it adds is what
// the loopback hops and waking the gateway's core cost on this machine, for any process.
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { connect, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { GATEWAY_CORE } from "./bench-processes.mjs";

function haproxyVersion() {
  try {
    const banner = execFileSync("haproxy", ["-v"], { encoding: "utf8" });
    return `HAProxy ${/HA-?Proxy version (\S+)/i.exec(banner)?.[1] ?? "(version unknown)"}`;
  } catch {
    return undefined;
  }
}

async function freePort() {
  const server = createServer();
  await new Promise((resolveListen) => server.listen(0, "127.0.0.1", resolveListen));
  const { port } = server.address();
  await new Promise((resolveClose) => server.close(resolveClose));
  return port;
}

function accepts(port) {
  return new Promise((resolveTry) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolveTry(true);
    });
    socket.once("error", () => resolveTry(false));
  });
}

/**
 * Starts HAProxy in TCP mode, one thread, pinned like the gateway (`layout` as in
 * bench-processes.mjs), relaying to `mockUrl`. Returns undefined when haproxy is not installed
 * (Debian's package `haproxy`); the bench then runs without this floor.
 */
export async function startTcpRelay(mockUrl, layout) {
  const version = haproxyVersion();
  if (!version) return undefined;
  const port = await freePort();
  const directory = mkdtempSync(join(tmpdir(), "switchyard-bench-relay-"));
  const configPath = join(directory, "haproxy.cfg");
  const mock = new URL(mockUrl);
  writeFileSync(
    configPath,
    [
      "global",
      "  nbthread 1",
      "defaults",
      "  mode tcp",
      "  timeout connect 5s",
      "  timeout client 60s",
      "  timeout server 60s",
      "listen relay",
      `  bind 127.0.0.1:${port}`,
      `  server mock ${mock.hostname}:${mock.port}`,
      "",
    ].join("\n"),
  );
  const command = [
    ...(layout.pinned ? ["taskset", "-c", String(GATEWAY_CORE)] : []),
    "haproxy",
    "-db",
    "-f",
    configPath,
  ];
  const child = spawn(command[0], command.slice(1), { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (data) => {
    stderr += data.toString();
  });
  const exited = new Promise((resolveExit) => child.once("exit", (code) => resolveExit(code)));
  for (let attempt = 0; !(await accepts(port)); attempt++) {
    if (child.exitCode !== null || attempt === 100) {
      child.kill();
      throw new Error(`haproxy did not start:\n${stderr}`);
    }
    await sleep(50);
  }
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid,
    version,
    async stop() {
      if (child.exitCode === null) child.kill("SIGTERM");
      return exited;
    },
  };
}
