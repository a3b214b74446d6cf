// Percentiles of a list of durations (ms), nearest-rank.

export function summarizeLatencies(values) {
  const sorted = Float64Array.from(values).sort();
  const at = (quantile) =>
    sorted.length === 0 ? Number.NaN : sorted[Math.max(0, Math.ceil(quantile * sorted.length) - 1)];
  const sum = sorted.reduce((total, value) => total + value, 0);
  return { count: sorted.length, p50: at(0.5), p90: at(0.9), p99: at(0.99), max: at(1), mean: sum / sorted.length };
}
