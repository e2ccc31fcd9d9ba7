import tQuantile from '@stdlib/stats-base-dists-t-quantile';

/** A straight line fitted robustly, with an interval on its slope. */
export interface RobustLine {
  slope: number;
  /** Where the line crosses x = 0. */
  intercept: number;
  /** The slope's interval at `confidence`. */
  low: number;
  high: number;
  confidence: number;
  points: number;
}

const median = (sorted: number[]): number => {
  const middle = sorted.length / 2;
  return sorted.length % 2 === 1 ? sorted[Math.floor(middle)]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

const ascending = (a: number, b: number): number => a - b;

/**
 * Theil-Sen: the slope is the median of the slopes between every pair of points, so up to ~29%
 * of wild points (a collection that came late, a burst of allocation) cannot tilt it, as they
 * tilt a least-squares fit. The interval is Sen's (1968): the slopes of the pairs ranked
 * (N ∓ C) / 2, C from the variance of Kendall's statistic; its normal quantile is taken from a
 * t distribution with n − 2 degrees of freedom, a little wider for the few points a load gives.
 * Written here rather than taken from ml-regression-theil-sen because the interval needs the
 * sorted pairwise slopes, which that library does not expose. Undefined below three points.
 */
export function theilSen(xs: number[], ys: number[], confidence: number): RobustLine | undefined {
  const n = Math.min(xs.length, ys.length);
  if (n < 3) return undefined;
  const slopes: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const dx = xs[j]! - xs[i]!;
      if (dx !== 0) slopes.push((ys[j]! - ys[i]!) / dx);
    }
  }
  if (slopes.length === 0) return undefined;
  slopes.sort(ascending);
  const slope = median(slopes);
  const intercept = median(Array.from({ length: n }, (_, index) => ys[index]! - slope * xs[index]!).sort(ascending));
  const pairs = slopes.length;
  const spread = tQuantile(1 - (1 - confidence) / 2, n - 2) * Math.sqrt((n * (n - 1) * (2 * n + 5)) / 18);
  // 1-based ranks M1 = (N − C) / 2 and M2 + 1 = (N + C) / 2 + 1, rounded outwards; as 0-based indices:
  const lowIndex = Math.max(0, Math.floor((pairs - spread) / 2) - 1);
  const highIndex = Math.min(pairs - 1, Math.ceil((pairs + spread) / 2));
  return { slope, intercept, low: slopes[lowIndex]!, high: slopes[highIndex]!, confidence, points: n };
}
