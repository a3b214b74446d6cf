// The machine a run happened on, for the record next to its figures.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { cpus, loadavg, release, totalmem, type } from "node:os";

function cpuModel() {
  try {
    const info = readFileSync("/proc/cpuinfo", "utf8");
    const model = /^model name\s*:\s*(.+)$/m.exec(info)?.[1]?.trim();
    const mhz = /^cpu MHz\s*:\s*([\d.]+)$/m.exec(info)?.[1];
    return mhz ? `${model} @ ${Math.round(Number(mhz))} MHz` : model;
  } catch {
    return cpus()[0]?.model;
  }
}

export function describeMachine() {
  return {
    cpu: cpuModel() ?? "unknown",
    cores: cpus().length,
    memoryGB: Math.round(totalmem() / 1e9),
    os: `${type()} ${release()}`,
    node: process.version,
  };
}

export function loadAverage() {
  return loadavg()
    .map((value) => value.toFixed(2))
    .join(" ");
}

/** The commit the gateway was built from, and whether the working tree had changes on top of it. */
export function describeSource(directory) {
  try {
    const git = (...args) => execFileSync("git", args, { cwd: directory, encoding: "utf8" }).trim();
    const commit = git("rev-parse", "--short", "HEAD");
    const changed = git("status", "--porcelain", "--", "src").split("\n").filter(Boolean).length;
    return changed > 0 ? `${commit} with ${changed} changed files under src/ not yet committed` : commit;
  } catch {
    return "unknown (not a git checkout)";
  }
}
