/** Percentile (nearest rank) of an ascending array. */
export function percentile(sorted, p) {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export function summarize(latenciesMs, elapsedMs) {
  const sorted = Float64Array.from(latenciesMs).sort();
  return {
    calls: sorted.length,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    throughput: (sorted.length / elapsedMs) * 1000,
  };
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length % 2
    ? sorted[(sorted.length - 1) / 2]
    : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
}

export const fmt = {
  ms: (v) => `${v.toFixed(3)} ms`,
  ratio: (v) => `${v.toFixed(2)}x`,
  rate: (v) => `${Math.round(v).toLocaleString('en-US')}/s`,
};
