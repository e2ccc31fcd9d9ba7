import tQuantile from '@stdlib/stats-base-dists-t-quantile';

/** A figure over rounds: its mean and the interval where the mean of more rounds would fall. */
export interface RoundInterval {
  mean: number;
  low: number;
  high: number;
  rounds: number;
}

/**
 * The t-interval of the mean of per-round values (a target's p95 or req/s over its rounds);
 * undefined with fewer than two rounds, where no spread is known.
 */
export function roundInterval(values: readonly number[], confidence = 0.95): RoundInterval | undefined {
  if (values.length < 2) return undefined;
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  const variance = values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (values.length - 1);
  const halfWidth = tQuantile(1 - (1 - confidence) / 2, values.length - 1) * Math.sqrt(variance / values.length);
  return { mean, low: mean - halfWidth, high: mean + halfWidth, rounds: values.length };
}
