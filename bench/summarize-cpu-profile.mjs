// Where a V8 .cpuprofile spent its time: self time per function, and per place (our code,
// each npm package, Node's internals, garbage collection).
import { readFileSync } from "node:fs";

function placeOf(url, functionName) {
  if (!url) return functionName.startsWith("(") ? functionName : "(native)";
  if (url.includes("/node_modules/")) return url.split("/node_modules/").pop().split("/")[0];
  if (url.includes("/dist/")) return "switchyard";
  if (url.startsWith("node:")) return "node internals";
  return url;
}

/** Reads a profile and returns its self time by function and by place, largest first. */
export function summarizeCpuProfile(path, top = 20) {
  const profile = JSON.parse(readFileSync(path, "utf8"));
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfMs = new Map();
  profile.samples.forEach((id, index) => {
    selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0) / 1000);
  });
  const byFunction = new Map();
  const byPlace = new Map();
  let totalMs = 0;
  for (const [id, ms] of selfMs) {
    const { functionName, url, lineNumber } = nodes.get(id).callFrame;
    if (functionName === "(idle)") continue;
    totalMs += ms;
    const short = url.replace(/^.*\/(dist|node_modules)\//, "$1/").replace(/^file:\/\//, "");
    const key = `${functionName || "(anonymous)"}  ${short}${url ? `:${lineNumber + 1}` : ""}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + ms);
    const place = placeOf(url, functionName);
    byPlace.set(place, (byPlace.get(place) ?? 0) + ms);
  }
  const ranked = (map) =>
    [...map]
      .sort((left, right) => right[1] - left[1])
      .slice(0, top)
      .map(([name, ms]) => ({ name, ms, percent: (100 * ms) / totalMs }));
  const ours = new Map([...byFunction].filter(([key]) => key.includes(" dist/")));
  return { totalMs, functions: ranked(byFunction), ourFunctions: ranked(ours), places: ranked(byPlace) };
}

export function formatCpuProfile(summary) {
  const rows = (list) =>
    list.map((row) => `  ${row.percent.toFixed(1).padStart(5)}%  ${row.ms.toFixed(0).padStart(6)} ms  ${row.name}`);
  return [
    `CPU profile of the gateway: ${summary.totalMs.toFixed(0)} ms busy (idle excluded)`,
    "By place:",
    ...rows(summary.places),
    "Top self time, all functions:",
    ...rows(summary.functions),
    "Top self time in Switchyard's own code (dist/ → src/):",
    ...rows(summary.ourFunctions),
  ].join("\n");
}
