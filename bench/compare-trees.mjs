// `npm run bench:compare -- [options] TREE...`: one measurement through the gateways built in
// several checkouts (each with its dist/ built, e.g. git worktrees), taking turns slice by slice
// so that drift in the machine's speed touches every tree alike. On a shared VM two full runs
// minutes apart can differ by a third; alternating slices is how a change is judged.
//   --measure throughput|latency|first-byte   closed-loop requests/s, open-loop percentiles at
//                      300 requests/s, or the first byte of sequential streams (default throughput)
//   --stream           streamed requests (throughput and latency)
//   --rounds N         rounds of one 2-s slice (100 streams for first-byte) per tree (default 8)
//   --logging off      the gateways without request-log sinks
//   --phases           also time each request's way through each process (bench/phase-probe.mjs):
//                      own work before the upstream call, the call's dispatch, the upstream round
//                      trip, own work after the answer (medians of requests that ran alone)
// Give the same tree twice to see the noise: the gap between its two rows is the smallest
// difference worth believing. The names `direct` (the mock itself) and `proxy` (the minimal proxy)
// stand for the floors the bench compares the gateway with, measured in the same slices.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { Pool } from "undici";
import { CLIENT_CORE, canPin, pinSelf, startGateway, startMinimalProxy, startMock } from "./bench-processes.mjs";
import { chatRequestBody } from "./chat-request-body.mjs";
import { describeMachine } from "./describe-machine.mjs";
import { measureFirstByte } from "./measure-first-byte.mjs";
import { measureFixedRate } from "./measure-fixed-rate.mjs";
import { measureThroughput } from "./measure-throughput.mjs";
import { processCpuMs } from "./proc-stats.mjs";
import { summarizeLatencies } from "./summarize-latencies.mjs";
import { FIXED_RATE_WARM_UP_ROUNDS, warmUntilSteady } from "./warm-up.mjs";

const { values: flags, positionals: trees } = parseArgs({
  allowPositionals: true,
  options: {
    measure: { type: "string", default: "throughput" },
    stream: { type: "boolean", default: false },
    rounds: { type: "string", default: "8" },
    logging: { type: "string" },
    phases: { type: "boolean", default: false },
  },
});
const MEASURES = new Set(["throughput", "latency", "first-byte"]);
const rounds = Number(flags.rounds);
if (trees.length === 0 || !MEASURES.has(flags.measure) || !(rounds > 0)) {
  process.stderr.write(
    "usage: compare-trees.mjs [--measure throughput|latency|first-byte] [--stream] [--rounds N] [--logging off] [--phases] TREE...\n",
  );
  process.exit(2);
}
const say = (line) => process.stderr.write(`${line}\n`);
// startGateway reads this, as `npm run bench` does.
if (flags.logging === "off") process.env.SWITCHYARD_BENCH_LOGGING = "off";

/** What a tree's slices add up to; a slice given fresh totals is thrown away. */
const emptyTotals = () => ({ requests: 0, seconds: 0, cpuMs: 0, times: [] });

/** One slice through one gateway: what it adds to that gateway's totals. */
async function slice(gateway, totals) {
  const cpuBefore = processCpuMs(gateway.pid);
  if (flags.measure === "throughput") {
    const body = chatRequestBody("bench", flags.stream);
    const result = await measureThroughput({ url: gateway.url, body, connections: 50, durationSeconds: 2 });
    totals.requests += result.requests;
    totals.seconds += result.seconds;
  } else if (flags.measure === "latency") {
    const body = chatRequestBody("bench", flags.stream);
    const result = await measureFixedRate({ pool: gateway.pool, body, rate: 300, durationMs: 2000 });
    totals.requests += result.latencies.length;
    totals.times.push(...result.latencies);
  } else {
    const sides = [{ side: "gateway", pool: gateway.pool, body: chatRequestBody("bench-first", true) }];
    const result = await measureFirstByte({ sides, count: 100 });
    totals.requests += result.times.gateway.length;
    totals.times.push(...result.times.gateway);
  }
  totals.cpuMs += processCpuMs(gateway.pid) - cpuBefore;
}

function report(tree, totals) {
  const cpu = `${((1000 * totals.cpuMs) / totals.requests).toFixed(0)} µs CPU/request`;
  if (flags.measure === "throughput") {
    return `${tree}: ${(totals.requests / totals.seconds).toFixed(0)} requests/s, ${cpu}`;
  }
  const { p50, p90, p99, max, count } = summarizeLatencies(totals.times);
  const ms = (value) => value.toFixed(2);
  return `${tree}: p50 ${ms(p50)}, p90 ${ms(p90)}, p99 ${ms(p99)}, max ${ms(max)} ms (${count}), ${cpu}`;
}

/** A gateway built in `tree`, or one of the floors: the mock called directly, or the minimal proxy. */
async function startSide(tree) {
  if (tree === "direct") return { url: mock.url, pid: mock.pid, stop: async () => {} };
  if (tree === "proxy") return startMinimalProxy(mock.url, layout);
  return startGateway(mock.url, layout, { tree: resolve(tree) });
}

const machine = describeMachine();
const layout = { pinned: canPin(machine.cores), niceness: 0 };
if (layout.pinned) pinSelf(CLIENT_CORE);
const mock = await startMock(layout);
// Set after the mock started, so that only the gateways and the proxy carry the probe.
const probeDirectory = flags.phases ? mkdtempSync(join(tmpdir(), "switchyard-phases-")) : undefined;
if (probeDirectory) {
  process.env.SWITCHYARD_PHASE_PROBE_DIR = probeDirectory;
  process.env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ""} --import=${new URL("./phase-probe.mjs", import.meta.url).href}`;
}
const gateways = [];
try {
  for (const tree of trees) {
    const gateway = await startSide(tree);
    gateways.push({ ...gateway, tree, pool: new Pool(gateway.url, { connections: 64 }) });
  }
  say(`${trees.length} gateways started; warming up`);
  for (const gateway of gateways) {
    const body = chatRequestBody("bench", flags.stream);
    const warmed = await warmUntilSteady({ url: gateway.url, pid: gateway.pid, body, connections: 50 });
    say(`  ${gateway.tree}: warm after ${warmed.seconds} s${warmed.steady ? "" : " (not steady)"}`);
    // One slice of the measurement itself, thrown away: the load generator's own code and
    // connections warm up here, or the first tree measured would pay for them.
    await slice(gateway, emptyTotals());
  }
  // At a fixed rate every process is slower for its first seconds after the closed-loop warm-up
  // (see docs/performance.md, Warm-up and compilation): rounds of the same shape, not recorded,
  // as `npm run bench` does.
  if (flags.measure === "latency") {
    for (let round = 0; round < FIXED_RATE_WARM_UP_ROUNDS; round++) {
      for (const gateway of gateways) await slice(gateway, emptyTotals());
    }
  }
  const totals = gateways.map(emptyTotals);
  for (let round = 0; round < rounds; round++) {
    // Every other round in reverse, so no tree always follows the same one.
    const order = gateways.map((_, index) => index);
    if (round % 2 === 1) order.reverse();
    for (const index of order) await slice(gateways[index], totals[index]);
    say(`… round ${round + 1} of ${rounds}`);
  }
  const what = `${flags.measure}${flags.stream ? ", streamed" : ""}${flags.logging === "off" ? ", logging off" : ""}`;
  process.stdout.write(`${what}, ${rounds} rounds:\n`);
  for (const [index, gateway] of gateways.entries()) {
    process.stdout.write(`  ${report(gateway.tree, totals[index])}\n`);
  }
} finally {
  await Promise.all(gateways.map((gateway) => gateway.pool.close()));
  await Promise.all(gateways.map((gateway) => gateway.stop()));
  await mock.stop();
}
if (probeDirectory) {
  process.stdout.write("phases (medians in µs of the requests that ran alone):\n");
  for (const gateway of gateways) {
    if (gateway.tree === "direct") continue;
    process.stdout.write(`  ${gateway.tree}: ${describePhases(readProbe(gateway.pid))}\n`);
  }
  rmSync(probeDirectory, { recursive: true, force: true });
}

function readProbe(pid) {
  try {
    return JSON.parse(readFileSync(join(probeDirectory, `${pid}.json`), "utf8"));
  } catch {
    return [];
  }
}

function describePhases(requests) {
  if (requests.length === 0) return "no request ran alone";
  const median = (phase) => {
    const values = requests.map(phase).sort((a, b) => a - b);
    return (1000 * values[values.length >> 1]).toFixed(0);
  };
  return [
    `before the call ${median((r) => r.created - r.arrived)}`,
    `dispatch ${median((r) => r.written - r.created)}`,
    `upstream ${median((r) => r.answered - r.written)}`,
    `after the answer ${median((r) => r.ended - r.answered)}`,
    `in all ${median((r) => r.ended - r.arrived)}`,
    `(${requests.length} requests)`,
  ].join(", ");
}
