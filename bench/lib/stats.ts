// Small statistics shared by the benchmarks: percentiles of latency samples, rounded for JSON.

export interface Summary {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentile of already sorted values (0 when there are none). */
export function percentileOfSorted(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? 0;
}

export const round = (value: number, digits = 1) => {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
};

export function summarize(values: number[]): Summary {
  const sorted = Float64Array.from(values).sort();
  return {
    n: sorted.length,
    p50: round(percentileOfSorted(sorted, 50)),
    p95: round(percentileOfSorted(sorted, 95)),
    p99: round(percentileOfSorted(sorted, 99)),
    max: round(sorted.length ? (sorted[sorted.length - 1] ?? 0) : 0),
  };
}

export const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
