// Turns a run's results into the rows it is judged on: printed as a table and written to docs/benchmarks.md.

const ms = (value) => (Number.isFinite(value) ? `${value.toFixed(2)} ms` : "n/a");
const plusMs = (value) => (Number.isFinite(value) ? `${value >= 0 ? "+" : ""}${value.toFixed(2)} ms` : "n/a");
const perSecond = (value) => `${Math.round(value).toLocaleString("en-US")}/s`;

/** The two kinds of request each phase measures, as results name them and as reports word them. */
export const MODE_LABELS = [
  ["nonStreaming", "non-streaming"],
  ["streaming", "streaming"],
];

/** The figures of a run as rows: what, direct to the mock, through the minimal proxy, through the gateway, added, target, met. */
export function reportRows(results) {
  const { throughput, fixedRate, firstByte, slowStreams } = results;
  const rows = [];
  for (const [mode, label] of MODE_LABELS) {
    const { direct, proxy, gateway } = throughput[mode];
    const target = mode === "nonStreaming" ? 3000 : undefined;
    rows.push({
      what: `${label} requests/s, ${throughput.connections} connections`,
      direct: perSecond(direct.requestsPerSecond),
      proxy: perSecond(proxy.requestsPerSecond),
      gateway: perSecond(gateway.requestsPerSecond),
      added: `${(gateway.cpuPerRequestUs ?? Number.NaN).toFixed(0)} µs CPU/request`,
      target: target ? `≥ ${target.toLocaleString("en-US")}/s` : "",
      met: target ? gateway.requestsPerSecond >= target && gateway.failures === 0 : undefined,
    });
  }
  for (const [mode, label] of [
    ["nonStreaming", "non-streaming"],
    ["streaming", "streaming (whole stream)"],
  ]) {
    const { direct, gateway } = fixedRate[mode];
    for (const [percentile, limit] of [
      ["p50", 0.5],
      ["p99", 2],
    ]) {
      const added = gateway[percentile] - direct[percentile];
      rows.push({
        what: `${label} latency ${percentile} at ${fixedRate.rate}/s`,
        direct: ms(direct[percentile]),
        proxy: ms(fixedRate[mode].proxy[percentile]),
        gateway: ms(gateway[percentile]),
        added: plusMs(added),
        target: `≤ +${limit} ms`,
        met: added <= limit && fixedRate[mode].failures === 0,
      });
    }
    rows.push(ownTimeRow(fixedRate, mode));
  }
  for (const percentile of ["p50", "p99"]) {
    const added = firstByte.gateway[percentile] - firstByte.direct[percentile];
    rows.push({
      what: `stream first byte ${percentile} (${firstByte.gateway.count} streams)`,
      direct: ms(firstByte.direct[percentile]),
      proxy: ms(firstByte.proxy[percentile]),
      gateway: ms(firstByte.gateway[percentile]),
      added: plusMs(added),
      target: percentile === "p50" ? "≤ +1 ms" : "",
      met: percentile === "p50" ? added <= 1 && firstByte.failures === 0 : undefined,
    });
  }
  rows.push({
    what: `${slowStreams.count.toLocaleString("en-US")} concurrent slow streams: peak RSS`,
    direct: "",
    gateway: `${slowStreams.peakMB.toFixed(0)} MB`,
    added: `${slowStreams.complete} complete, ${slowStreams.failures} errors, ${slowStreams.maxOpen} open at once`,
    target: "≤ 150 MB, no errors",
    met: slowStreams.peakMB <= 150 && slowStreams.failures === 0 && slowStreams.complete === slowStreams.count,
  });
  return rows;
}

/**
 * What the gateway itself says it spent at the fixed rate, from its Server-Timing header: from
 * the request's handler to the response head, less the upstream's share. It leaves out what no
 * process on the gateway's core can avoid here (the loopback hops and waking the core), which
 * the minimal proxy's column shows. A stream's head goes out with its first content, so there it
 * is the gateway's share of the first byte.
 */
function ownTimeRow(fixedRate, mode) {
  const own = fixedRate[mode].gatewayOwn;
  const share = mode === "nonStreaming" ? "non-streaming" : "streaming (to first byte)";
  return {
    what: `${share} own time p50 / p99 at ${fixedRate.rate}/s`,
    direct: "",
    gateway: own?.count ? `${own.p50.toFixed(2)} / ${own.p99.toFixed(2)} ms` : "n/a",
    added: "Server-Timing gateway;dur",
    target: "",
    met: undefined,
  };
}

const HEADER = ["", "direct to mock", "minimal proxy", "through gateway", "added by gateway", "target", "met"];
const cells = (row) => [row.what, row.direct, row.proxy ?? "", row.gateway, row.added, row.target, metText(row.met)];
function metText(met) {
  if (met === undefined) return "";
  return met ? "yes" : "NO";
}

export function formatTable(rows) {
  const table = [HEADER, ...rows.map(cells)];
  const widths = HEADER.map((_, column) => Math.max(...table.map((line) => line[column].length)));
  const line = (values) =>
    values
      .map((value, column) => value.padEnd(widths[column]))
      .join("  ")
      .trimEnd();
  return [line(table[0]), widths.map((width) => "-".repeat(width)).join("  "), ...table.slice(1).map(line)].join("\n");
}

export function markdownTable(rows) {
  const line = (values) => `| ${values.join(" | ")} |`;
  return [line(HEADER), line(HEADER.map(() => "---")), ...rows.map((row) => line(cells(row)))].join("\n");
}
