// Writes docs/benchmarks.md from a run. Everything is generated except the "## Notes" section,
// which is carried over from the previous file. It points to docs/performance.md, where what the
// runs have shown is kept by topic; the report itself holds only the latest run and the method.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { gatewayNodeFlags } from "./bench-processes.mjs";
import { MODE_LABELS, markdownTable, reportRows } from "./bench-report.mjs";
import { WARM_UP } from "./warm-up.mjs";

const NOTES_HEADING = "## Notes";
const DEFAULT_NOTES = `${NOTES_HEADING}

What the runs have shown about where the gateway's time and memory go, and which rules and
settings follow from it, is in [performance.md](performance.md), by topic. \`--write\` keeps this
section as it is.
`;

function keptNotes(path) {
  if (!existsSync(path)) return DEFAULT_NOTES;
  const text = readFileSync(path, "utf8");
  const start = text.indexOf(NOTES_HEADING);
  return start === -1 ? DEFAULT_NOTES : text.slice(start);
}

const fixed = (value, digits = 2) => (Number.isFinite(value) ? value.toFixed(digits) : "n/a");

function describeWarmUp(warmedUp) {
  if (!warmedUp) return "not recorded";
  const parts = [];
  for (const [side, label] of [
    ["proxy", "minimal proxy"],
    ["gateway", "gateway"],
  ]) {
    for (const [mode, modeLabel] of MODE_LABELS) {
      const warmed = warmedUp[side][mode];
      parts.push(
        `${label} ${modeLabel} ${warmed.seconds} s${warmed.steady ? "" : " (not steady)"}, settling at ${fixed(warmed.cpuPerRequestUs, 0)} µs`,
      );
    }
  }
  return parts.join("; ");
}

export function describeDetail(results) {
  const { throughput, fixedRate, firstByte, slowStreams, phases, gate } = results;
  const latencyLine = (label, summary) =>
    `${label}: p50 ${fixed(summary.p50)}, p90 ${fixed(summary.p90)}, p99 ${fixed(summary.p99)}, max ${fixed(summary.max)} ms (${summary.count})`;
  const lines = [
    `- Gateway RSS when idle, 1 s after start: ${fixed(results.idleRssMB, 0)} MB.`,
    `- Warm-up (closed loop, until two ${WARM_UP.sliceSeconds}-s slices in a row cost the same CPU per request within ${WARM_UP.tolerance * 100}%): ${describeWarmUp(results.warmedUp)}.`,
    `- Throughput (autocannon, ${throughput.connections} connections, ${throughput.seconds} s per side in slices of 2 s):`,
  ];
  for (const [mode, label] of MODE_LABELS) {
    const { direct, proxy, gateway } = throughput[mode];
    lines.push(
      `  - ${label}: direct ${Math.round(direct.requestsPerSecond)} requests/s; minimal proxy ${Math.round(proxy.requestsPerSecond)} requests/s using ${fixed(proxy.cpuPerRequestUs, 0)} µs of CPU per request; gateway ${Math.round(gateway.requestsPerSecond)} requests/s using ${fixed(gateway.cpuPerRequestUs, 0)} µs of CPU per request; ${direct.failures + proxy.failures + gateway.failures} failures.`,
    );
  }
  lines.push(
    `- Latency at ${fixedRate.rate} requests/s (open loop, ${fixedRate.rounds} rounds of ${fixedRate.roundSeconds} s per side, taking turns, after ${fixedRate.warmUpRounds ?? 0} such rounds not recorded; from dispatch to the last body byte; requests counted in brackets):`,
  );
  for (const [mode, label] of MODE_LABELS) {
    lines.push(`  - ${latencyLine(`${label}, direct`, fixedRate[mode].direct)}.`);
    if (fixedRate[mode].relay) lines.push(`  - ${latencyLine(`${label}, TCP relay`, fixedRate[mode].relay)}.`);
    lines.push(`  - ${latencyLine(`${label}, minimal proxy`, fixedRate[mode].proxy)}.`);
    lines.push(
      `  - ${latencyLine(`${label}, gateway`, fixedRate[mode].gateway)}; ${fixedRate[mode].failures} failures.`,
    );
    if (fixedRate[mode].gatewayOwn?.count) {
      lines.push(`  - ${latencyLine(`${label}, the gateway's own time (Server-Timing)`, fixedRate[mode].gatewayOwn)}.`);
    }
  }
  lines.push(
    `- First byte of a stream (sequential, taking turns; streams counted in brackets):`,
    `  - ${latencyLine("direct", firstByte.direct)}.`,
    ...(firstByte.relay ? [`  - ${latencyLine("TCP relay", firstByte.relay)}.`] : []),
    `  - ${latencyLine("minimal proxy", firstByte.proxy)}.`,
    `  - ${latencyLine("gateway", firstByte.gateway)}; ${firstByte.failures} failures.`,
    `- Slow streams, on a freshly started gateway (RSS ${fixed(slowStreams.freshRssMB, 0)} MB when idle): ${slowStreams.count} streams of 14 events 250 ms apart, all opened at once; ${slowStreams.complete} complete, ${slowStreams.failures} errors, at most ${slowStreams.maxOpen} open at the same moment, ${fixed(slowStreams.wallMs / 1000, 1)} s in all; peak RSS ${fixed(slowStreams.peakMB, 0)} MB (${slowStreams.peakSource}; the highest VmRSS sampled was ${fixed(slowStreams.sampledPeakMB, 0)} MB).`,
    `- Other work on the machine during the kept slices (CPU of everything but the gateway, the minimal proxy, the mock and the load generator, in % of one core; a slice above ${gate.maxOthersPercent}%, or with hypervisor steal above ${gate.maxStealPercent ?? 100}% of one core, was run again, at most ${gate.attempts} times): ${Object.entries(
      phases,
    )
      .map(
        ([name, phase]) =>
          `${name} ${fixed(Math.min(...phase.othersPercent), 0)}–${fixed(Math.max(...phase.othersPercent), 0)}% over ${phase.runs} slices, ${phase.repeats} repeated`,
      )
      .join(
        "; ",
      )}. Hypervisor steal during the kept slices: ${fixed(Math.max(...Object.values(phases).map((phase) => phase.steal)), 1)}% at most.`,
    `- The whole run took ${fixed(results.durationSeconds, 0)} s.`,
  );
  return lines.join("\n");
}

export function writeBenchmarksDoc(path, results) {
  const { machine } = results;
  const text = `# Benchmarks: the gateway's own overhead

\`npm run bench\` starts a cheap OpenAI-wire mock upstream (\`bench/mock-upstream.mjs\`) and the built
gateway on loopback, then measures the same requests sent to the mock directly and through the
gateway. The difference is what Switchyard costs. \`npm run bench -- --write\` rewrites this file
from a run (the Notes section at the end is kept); \`-- --profile\` also records a V8 CPU profile of
the gateway and prints where its time went.

## Latest run

- Date: ${results.date}
- Gateway built from: ${results.source}
- Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGB} GB RAM, ${machine.os}, Node ${machine.node}
- Layout: ${results.pinned ? "gateway pinned to core 0, mock upstream and load generator pinned to core 1 (`taskset`)" : "not pinned (taskset missing or fewer than 2 cores)"}${results.niceness ? `; all three at nice ${results.niceness} (\`--nice=${results.niceness}\`), ahead of other work on the machine` : "; normal priority"}
- Load average (1, 5, 15 min): ${results.loadBefore} before, ${results.loadAfter} after

${markdownTable(reportRows(results))}

"added" is the gateway's percentile minus the direct percentile. The throughput rows' "added"
column is the gateway's CPU time per request (user + system, from \`/proc\`). "minimal proxy" is a
do-nothing Node proxy (\`bench/minimal-proxy.mjs\`) on the gateway's core: what one more process
and two more loopback hops cost on this machine before any gateway work, i.e. the floor.
${
  results.relay
    ? `The detail also times a TCP relay (${results.relay}, one thread, \`mode tcp\`) on the same core:
the floor for any process there, before any HTTP parsing or JavaScript.
`
    : ""
}
### Detail

${describeDetail(results)}

## Method

- **Mock upstream**: node:http, answers built once at start-up (a chat.completion of 58 tokens, or a
  stream of a role chunk, 10 content chunks, a finish chunk, a usage chunk and \`[DONE]\`); the model
  name selects the pacing of a stream. It is not the test mock, which records and validates.
- **Gateway**: \`node ${gatewayNodeFlags().join(" ")} dist/cli/index.js start --config <temp yaml> --port 0\`
  (the node flags of the \`switchyard\` bin's \`#!\` line, as the installed command runs), logging at \`warn\`, one
  \`openai-compatible\` provider pointing at the mock (\`maxConnections: 1100\`, since the default of
  256 would queue the slow-stream test), and a virtual model per pacing. The client dialect and the
  upstream wire are both OpenAI's, so non-streamed bodies are passed through and stream bytes are
  forwarded; the request is still decoded, validated, routed and re-encoded.
- **Throughput**: autocannon, closed loop, 50 connections, non-streaming and streaming, in 2-s
  slices taking turns direct, through the minimal proxy and through the gateway, after a warm-up
  of the proxy and the gateway in each mode: ${WARM_UP.sliceSeconds}-s slices of the same load until two in a row cost
  the same CPU per request (within ${WARM_UP.tolerance * 100}%; at least ${WARM_UP.minSlices} and at most ${WARM_UP.maxSlices} slices), since V8 goes on
  compiling the hot paths for seconds of load and its compiler threads share the pinned core
  (\`bench/warm-up.mjs\`). The gateway's and the proxy's CPU time per request come from
  \`/proc/<pid>/stat\` over the same slices; the proxy's requests/s is the most any Node process
  in that place reaches on the machine.
- **Latency at a fixed rate**: an open-loop generator on undici sends 300 requests/s on a schedule
  whether or not earlier ones have answered, in 2-s rounds taking turns direct, through the minimal
  proxy and through the gateway, after one thrown-away second per side (so that the load
  generator's own warm-up does not land in the first side's tail) and four rounds that are not
  recorded: after the throughput phase, every Node process in the path (the minimal proxy as much
  as the gateway) answers its first seconds at this rate up to 0.5 ms slower at p50 and up to
  5 ms at p99 while V8 is still optimising for the slower, idle-between-requests load; that fades
  over about 8 s, and the recorded rounds measure the process once it has. The same rounds read
  the gateway's \`Server-Timing\` header: its own time from the request's handler to the response
  head, less the upstream's share (for a stream, its share of the first byte). That part is the
  gateway's work alone; the rest of "added" is what any process on the gateway's core pays here.
- **TCP relay**: where Debian's \`haproxy\` is installed (the project does not need it), the
  latency phases also time HAProxy relaying TCP to the mock, one thread, pinned to the gateway's
  core (\`bench/tcp-relay.mjs\`). It parses no HTTP and runs no JavaScript: what it adds is what
  the loopback hops and waking that core cost here, whatever the process.
- **First byte of a stream**: sequential streams taking turns direct, through the minimal proxy and
  through the gateway; the time from dispatch to the first body byte. The mock sends the role
  chunk and the first content chunk together, the rest 5 ms later: the router holds a stream until
  its first content (so that an error before it can still fall over), and a role-only first event
  would measure the mock's pause rather than the gateway.
- **Slow streams**: on a freshly started gateway (so that the load before does not count), 1,000
  streams opened at once (undici Pool with 1,016 connections), each event 250 ms apart, so all are
  open together for about 3 s; errors and complete streams (ending in \`[DONE]\`) are counted. The
  gateway's peak RSS is read from \`/proc/<pid>/status\` (VmHWM, reset through
  \`/proc/<pid>/clear_refs\` just before the phase) and also sampled every 50 ms.
- **Noise**: the machine may be shared. The CPU that other processes used during each slice is
  read from \`/proc/stat\` minus our own processes; a slice that saw more than 15% of a core of
  other work is run again (at most three times, within 45 s of repeats per run) and the
  quietest attempt is kept. Figures from a busy machine are pessimistic.
- **Comparing two builds**: the speed of a shared VM drifts by minutes, so full runs of two
  builds are not comparable. \`npm run bench:compare -- [--measure throughput|latency|first-byte]
  [--stream] A B\` starts the gateways built in checkouts A and B (e.g. git worktrees with their
  dist/ built) and takes turns between them slice by slice (for latency, after four unrecorded
  rounds, as above); give one tree twice to see the noise.
  The names \`direct\` and \`proxy\` stand for the mock itself and the minimal proxy, measured in the
  same turns, so a gateway's distance to the floors is read without drift between runs.
  \`--phases\` also loads \`bench/phase-probe.mjs\` into each gateway and the proxy (\`--import\`
  through \`NODE_OPTIONS\`), which times every request from Node's and undici's diagnostics
  channels without touching the code under test: the process's own work before the upstream
  call, the call's dispatch, the upstream round trip and its own work after the answer, as
  medians of the requests that had the process to themselves.
- **Cold steps**: \`taskset -c 0 node bench/cold-costs.mjs\` (after \`npm run build\`) times a few
  of a request's steps, such as the body's JSON, zod's check and an abort signal, once with warm
  caches and once right after 64 MB were touched, as a request finds the caches when the core
  idled between requests. A change that makes a step touch less shows there first.

${keptNotes(path)}`;
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}
