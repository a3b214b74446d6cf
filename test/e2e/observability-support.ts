import { dirname, join } from "node:path";

/** Where startGateway put the SQLite file (next to the written config). */
export function databasePath(configPath: string): string {
  return join(dirname(configPath), "switchyard.db");
}

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/**
 * A strict parser of the Prometheus text exposition format (0.0.4): HELP and TYPE lines,
 * samples with quoted, escaped label values, every sample's family declared first, histogram
 * buckets cumulative with a +Inf bucket equal to _count. Throws on anything else.
 */
export function parsePrometheusText(text: string): Sample[] {
  if (!text.endsWith("\n")) throw new Error("the exposition must end with a line feed");
  const types = new Map<string, string>();
  const samples: Sample[] = [];
  for (const [index, line] of text.slice(0, -1).split("\n").entries()) {
    const where = `line ${index + 1}: ${line}`;
    if (line === "") continue;
    if (line.startsWith("#")) {
      const match = /^# (HELP|TYPE) (\S+) (.*)$/.exec(line);
      if (!match?.[2] || !NAME.test(match[2])) throw new Error(`bad comment, ${where}`);
      if (match[1] === "TYPE") {
        if (!["counter", "gauge", "histogram", "summary", "untyped"].includes(match[3] ?? "")) {
          throw new Error(`bad type, ${where}`);
        }
        if (types.has(match[2])) throw new Error(`type declared twice, ${where}`);
        types.set(match[2], match[3] ?? "");
      }
      continue;
    }
    const sample = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})? (\S+)( -?\d+)?$/.exec(line);
    if (!sample?.[1] || sample[4] === undefined) throw new Error(`bad sample, ${where}`);
    const labels: Record<string, string> = {};
    let rest = sample[3] ?? "";
    while (rest.length > 0) {
      const label = /^([^=]+)="((?:[^"\\]|\\["\\n])*)"(,|$)/.exec(rest);
      if (!label?.[1] || !LABEL.test(label[1])) throw new Error(`bad label, ${where}`);
      labels[label[1]] = (label[2] ?? "").replace(/\\(["\\n])/g, (_, escaped: string) =>
        escaped === "n" ? "\n" : escaped,
      );
      rest = rest.slice(label[0].length);
    }
    const value = ["+Inf", "-Inf", "NaN"].includes(sample[4])
      ? Number(sample[4].replace("Inf", "Infinity"))
      : Number(sample[4]);
    if (Number.isNaN(value) && sample[4] !== "NaN") throw new Error(`bad value, ${where}`);
    const family = [...types.keys()].find(
      (name) =>
        name === sample[1] ||
        (types.get(name) === "histogram" && /^(_bucket|_sum|_count)$/.test(sample[1]?.slice(name.length) ?? "")),
    );
    if (!family) throw new Error(`sample without a TYPE, ${where}`);
    samples.push({ name: sample[1], labels, value });
  }
  checkHistograms(samples, types);
  return samples;
}

function checkHistograms(samples: Sample[], types: Map<string, string>): void {
  for (const [family, type] of types) {
    if (type !== "histogram") continue;
    const series = new Map<string, Sample[]>();
    for (const sample of samples.filter((item) => item.name === `${family}_bucket`)) {
      const { le, ...rest } = sample.labels;
      if (le === undefined) throw new Error(`${family}_bucket without le`);
      const key = JSON.stringify(rest);
      series.set(key, [...(series.get(key) ?? []), sample]);
    }
    for (const [key, buckets] of series) {
      let previous = 0;
      for (const bucket of buckets) {
        if (bucket.value < previous) throw new Error(`${family} buckets are not cumulative for ${key}`);
        previous = bucket.value;
      }
      const last = buckets.at(-1);
      const count = samples.find((item) => item.name === `${family}_count` && JSON.stringify(item.labels) === key);
      if (last?.labels.le !== "+Inf" || count?.value !== last.value)
        throw new Error(`${family} +Inf bucket ≠ count for ${key}`);
    }
  }
}

export function sumOf(samples: Sample[], name: string, labels: Record<string, string> = {}): number {
  return samples
    .filter(
      (sample) => sample.name === name && Object.entries(labels).every(([key, value]) => sample.labels[key] === value),
    )
    .reduce((total, sample) => total + sample.value, 0);
}

/** Polls until `check` returns true (log writes are batched off the request path). */
export async function eventually(check: () => Promise<boolean> | boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
