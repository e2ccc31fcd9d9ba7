import { LatencyHistogram } from './latency-histogram.ts';
import { addCounts, percentileOf, type BucketScale } from './log-buckets.ts';

/**
 * A latency distribution: what every part of a measurement keeps of its responses' latencies
 * (the pooled load, each request kind, each stage and fault, each time window, each step of the
 * timeline) and reads percentiles from.
 */
export interface LatencyDistribution {
  recordMs(latencyMs: number): void;
  readonly count: number;
  percentileMs(percentile: number): number;
}

/**
 * Latencies in logarithmic buckets of one scale: small, mergeable across windows and rounds,
 * a percentile within half a step of the truth. For the many small distributions of a load
 * (windows, phases, timeline steps); the load as a whole keeps its exact `LatencyHistogram`.
 */
export class BucketedLatencies implements LatencyDistribution {
  readonly counts: Uint32Array;
  private total = 0;

  private readonly logStep: number;

  constructor(readonly scale: BucketScale) {
    this.counts = new Uint32Array(scale.size);
    this.logStep = Math.log(scale.step);
  }

  /** Per response on the hot path: the step's logarithm once, not per record (bucketOf's arithmetic otherwise). */
  recordMs(latencyMs: number): void {
    const { firstMs, size } = this.scale;
    const bucket =
      latencyMs > firstMs ? Math.min(size - 1, Math.ceil(Math.log(latencyMs / firstMs) / this.logStep)) : 0;
    this.counts[bucket]!++;
    this.total++;
  }

  get count(): number {
    return this.total;
  }

  percentileMs(percentile: number): number {
    return percentileOf(this.scale, this.counts, percentile);
  }

  /** Adds another distribution of the same scale into this one, as windows and rounds are pooled. */
  add(other: BucketedLatencies): this {
    if (other.scale !== this.scale) throw new Error('latency distributions of different scales cannot be added');
    addCounts(this.counts, other.counts);
    this.total += other.total;
    return this;
  }

  /** The buckets from the first to the last that holds a latency, with their edges: a histogram to draw. */
  bars(): Array<{ fromMs: number; toMs: number; count: number }> {
    const first = this.counts.findIndex((count) => count > 0);
    if (first < 0) return [];
    const last = this.counts.findLastIndex((count) => count > 0);
    const { firstMs, step } = this.scale;
    return [...this.counts.slice(first, last + 1)].map((count, offset) => {
      const index = first + offset;
      return { fromMs: index === 0 ? 0 : firstMs * step ** (index - 1), toMs: firstMs * step ** index, count };
    });
  }
}

/** The exact distribution of a whole load (an HdrHistogram, 0.1% relative error). */
export { LatencyHistogram as ExactLatencies };
