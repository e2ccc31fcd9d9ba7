/**
 * Latency counts in logarithmic buckets: plain arrays that add up across windows and rounds,
 * which HdrHistograms kept per time window and per stage would do at far more memory. The
 * step sets the precision: a percentile read from them is within half a step of the truth.
 * `BucketedLatencies` (latency-distribution.ts) is the type the rest of the plugin uses.
 */
export interface BucketScale {
  /** Upper edge of the first bucket, in ms. */
  firstMs: number;
  /** Ratio between neighbouring edges. */
  step: number;
  size: number;
}

/** Per stage and per fault: 2% steps (a percentile within 1%), from 1 µs past 5 hours. */
export const FINE_SCALE: BucketScale = { firstMs: 0.001, step: 1.02, size: 1200 };
/** Per time window, for the recovery rule, which compares within a factor: 10% steps, from 10 µs past 30 minutes. */
export const COARSE_SCALE: BucketScale = { firstMs: 0.01, step: 1.1, size: 200 };
/** The report's latency histogram: 25% steps from 10 µs, 64 bars reach past 10 s. */
export const CHART_SCALE: BucketScale = { firstMs: 0.01, step: 1.25, size: 64 };

export function bucketOf(scale: BucketScale, latencyMs: number): number {
  if (!(latencyMs > scale.firstMs)) return 0;
  return Math.min(scale.size - 1, Math.ceil(Math.log(latencyMs / scale.firstMs) / Math.log(scale.step)));
}

/** The latency at `percentile` (0-100): the geometric middle of the bucket that holds it; 0 without counts. */
export function percentileOf(scale: BucketScale, counts: ArrayLike<number>, percentile: number): number {
  let total = 0;
  for (let index = 0; index < counts.length; index++) total += counts[index]!;
  if (total === 0) return 0;
  const rank = Math.max(1, Math.ceil((percentile / 100) * total));
  let seen = 0;
  for (let index = 0; index < counts.length; index++) {
    seen += counts[index]!;
    if (seen >= rank) return index === 0 ? scale.firstMs : scale.firstMs * scale.step ** (index - 0.5);
  }
  return scale.firstMs * scale.step ** (counts.length - 1);
}

/** Adds `from` into `into`, bucket by bucket. */
export function addCounts(into: Uint32Array, from: ArrayLike<number>): void {
  for (let index = 0; index < into.length; index++) into[index]! += from[index]!;
}
