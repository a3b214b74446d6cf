// `npm run bench`: the gateway's own overhead, measured against a cheap mock upstream.
//   --write    rewrite docs/benchmarks.md from this run
//   --profile  record a V8 CPU profile of the gateway and print its hot spots (slows the gateway)
//   --quick    short phases, to check the harness itself (figures not meaningful)
//   SWITCHYARD_BENCH_LOGGING=off (environment): the gateway without request-log sinks
//   --nice=N   run the gateway, the mock and the load generator at nice N (e.g. -10, needs root)
//              so that other work on a shared machine disturbs the figures less
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { firstBytePhase, fixedRatePhase, slowStreamsPhase, throughputPhase, warmUp } from "./bench-phases.mjs";
import {
  CLIENT_CORE,
  canPin,
  pinSelf,
  raisePriority,
  startGateway,
  startMinimalProxy,
  startMock,
} from "./bench-processes.mjs";
import { formatTable, reportRows } from "./bench-report.mjs";
import { describeMachine, describeSource, loadAverage } from "./describe-machine.mjs";
import { readMemory } from "./proc-stats.mjs";
import { QuietGate } from "./quiet-gate.mjs";
import { formatCpuProfile, summarizeCpuProfile } from "./summarize-cpu-profile.mjs";
import { startTcpRelay } from "./tcp-relay.mjs";
import { FIXED_RATE_WARM_UP_ROUNDS, WARM_UP } from "./warm-up.mjs";
import { describeDetail, writeBenchmarksDoc } from "./write-benchmarks-doc.mjs";

const { values: flags } = parseArgs({
  options: {
    write: { type: "boolean" },
    profile: { type: "boolean" },
    quick: { type: "boolean" },
    nice: { type: "string" },
  },
});
const quick = flags.quick === true;
const PLAN = {
  connections: 50,
  throughputSlices: quick ? 1 : 4,
  throughputSliceSeconds: 2,
  rate: 300,
  rateRounds: quick ? 1 : 4,
  rateRoundSeconds: 2,
  rateWarmUpRounds: quick ? 0 : FIXED_RATE_WARM_UP_ROUNDS,
  firstByteBlocks: quick ? 1 : 4,
  firstByteBlockStreams: 100,
  slowStreams: 1000,
  warmUp: quick ? { ...WARM_UP, minSlices: 1, maxSlices: 1 } : WARM_UP,
};
/**
 * A slice during which other processes used more than this share of a core, or the hypervisor
 * stole more than this share of one, is run again.
 */
const GATE = { maxOthersPercent: 15, maxStealPercent: 10, attempts: 3, repeatBudgetMs: 45_000 };

const say = (line) => process.stderr.write(`${line}\n`);

async function stopGateway(gateway) {
  const exitCode = await gateway.stop();
  if (exitCode !== 0) say(`gateway exited with ${exitCode}:\n${gateway.stderr()}`);
  else if (gateway.stderr()) say(`gateway stderr:\n${gateway.stderr()}`);
}

/** Pins this process to the client core and raises the priority if asked; returns the layout for the children. */
function prepareLayout(machine) {
  const pinned = canPin(machine.cores);
  if (pinned) pinSelf(CLIENT_CORE);
  const requested = flags.nice === undefined ? 0 : Number(flags.nice);
  const niceness = requested !== 0 && raisePriority(requested) ? requested : 0;
  if (niceness !== requested) say(`cannot set nice ${requested}; running at normal priority`);
  return { pinned, niceness };
}

async function measure(layout, profileDirectory) {
  const mock = await startMock(layout);
  const proxy = await startMinimalProxy(mock.url, layout);
  // Optional: a relay that fails to start leaves the run without that floor, not without a run.
  const relay = await startTcpRelay(mock.url, layout).catch((error) => {
    say(`no TCP relay: ${error.message}`);
    return undefined;
  });
  let gateway = await startGateway(mock.url, layout, { profileDirectory });
  say(`mock ${mock.url} (pid ${mock.pid}), gateway ${gateway.url} (pid ${gateway.pid})`);
  say(relay ? `TCP relay: ${relay.version}` : "no TCP relay (install Debian's haproxy to time one)");
  const gate = new QuietGate(
    () => [gateway.pid, mock.pid, proxy.pid, process.pid, ...(relay ? [relay.pid] : [])],
    GATE,
  );
  const targets = { direct: mock.url, proxy: proxy.url, gateway: gateway.url, relay: relay?.url };
  const context = { targets, gate, plan: PLAN };
  const settle = () => new Promise((resolveWait) => setTimeout(resolveWait, 1000));
  try {
    await settle();
    const idleRssMB = readMemory(gateway.pid)?.rssMB;
    say("… warm-up");
    const warmedUp = await warmUp({ proxy, gateway }, PLAN);
    say("… throughput");
    const throughput = await throughputPhase(context);
    say("… latency at a fixed rate");
    const fixedRate = await fixedRatePhase(context);
    say("… first byte of a stream");
    const firstByte = await firstBytePhase(context);
    // A fresh gateway, so the peak belongs to the slow streams and not to the load before them.
    await stopGateway(gateway);
    gateway = await startGateway(mock.url, layout);
    await settle();
    const freshRssMB = readMemory(gateway.pid)?.rssMB;
    say("… slow streams");
    const slowStreams = { ...(await slowStreamsPhase({ ...context, gateway })), freshRssMB };
    return {
      idleRssMB,
      warmedUp,
      throughput,
      fixedRate,
      firstByte,
      slowStreams,
      relay: relay?.version,
      phases: gate.phases,
      gate: GATE,
    };
  } finally {
    await stopGateway(gateway);
    await relay?.stop();
    await proxy.stop();
    await mock.stop();
  }
}

async function main() {
  const machine = describeMachine();
  const layout = prepareLayout(machine);
  const loadBefore = loadAverage();
  say(`machine: ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}; load average ${loadBefore}`);
  const profileDirectory = flags.profile ? mkdtempSync(join(tmpdir(), "switchyard-profile-")) : undefined;
  const started = performance.now();
  const figures = await measure(layout, profileDirectory);
  const results = {
    date: `${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC`,
    machine,
    source: describeSource(resolve(import.meta.dirname, "..")),
    ...layout,
    loadBefore,
    loadAfter: loadAverage(),
    durationSeconds: (performance.now() - started) / 1000,
    ...figures,
  };

  say(`\n${describeDetail(results)}\n`);
  process.stdout.write(`${formatTable(reportRows(results))}\n`);
  if (profileDirectory) {
    const [file] = readdirSync(profileDirectory).filter((name) => name.endsWith(".cpuprofile"));
    if (file) process.stdout.write(`\n${formatCpuProfile(summarizeCpuProfile(join(profileDirectory, file)))}\n`);
    say(`profile: ${profileDirectory}`);
  }
  if (flags.write) {
    const path = resolve(import.meta.dirname, "../docs/benchmarks.md");
    writeBenchmarksDoc(path, results);
    say(`wrote ${path}`);
  }
}

await main();
