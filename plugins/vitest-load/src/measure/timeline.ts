import { BucketedLatencies, type LatencyDistribution } from './latency-distribution.ts';
import { CHART_SCALE, FINE_SCALE } from './log-buckets.ts';
import type { LoadDetails, TimelinePoint } from './load-details.ts';

/** Buckets per run at most: a 10-minute soak is drawn in 5-second steps, a 5-second load per second. */
const MAX_BUCKETS = 120;
const CURVE_PERCENTILES = [0, 10, 25, 50, 75, 90, 95, 99, 99.5, 99.9, 99.95, 99.99, 100];

interface Bucket {
  requests: number;
  errors: number;
  latency: BucketedLatencies;
}

/**
 * Records a load over time (requests, errors and latency percentiles per time step) and the
 * shape of its latency distribution, for reports. One array index and two additions per
 * response, plus two bucket counts.
 */
export class Timeline {
  private readonly buckets: Bucket[] = [];
  private readonly chart = new BucketedLatencies(CHART_SCALE);
  private readonly stepMs: number;
  private readonly startedAt = performance.now();

  constructor(expectedSeconds: number) {
    this.stepMs = Math.max(1, Math.ceil(expectedSeconds / MAX_BUCKETS)) * 1000;
  }

  record(latencyMs: number, unexpected: boolean): void {
    const index = Math.floor((performance.now() - this.startedAt) / this.stepMs);
    let bucket = this.buckets[index];
    if (!bucket) {
      bucket = { requests: 0, errors: 0, latency: new BucketedLatencies(FINE_SCALE) };
      this.buckets[index] = bucket;
    }
    bucket.requests++;
    if (unexpected) bucket.errors++;
    bucket.latency.recordMs(latencyMs);
    this.chart.recordMs(latencyMs);
  }

  /** The timeline, plus the curve and histogram of `overall` (the whole load's latencies). */
  details(overall: LatencyDistribution): Pick<LoadDetails, 'timeline' | 'latencyCurve' | 'latencyHistogram'> {
    const stepSeconds = this.stepMs / 1000;
    const timeline: TimelinePoint[] = [];
    this.buckets.forEach((bucket, index) => {
      if (!bucket) return;
      const p = (percentile: number) => bucket.latency.percentileMs(percentile);
      timeline.push({
        second: index * stepSeconds,
        requests: bucket.requests / stepSeconds,
        p50: p(50),
        p95: p(95),
        p99: p(99),
        errors: bucket.errors,
      });
    });
    const latencyHistogram = this.chart.bars();
    const latencyCurve =
      overall.count === 0
        ? []
        : CURVE_PERCENTILES.map((percentile) => ({ percentile, ms: overall.percentileMs(percentile) }));
    return { timeline, latencyCurve, latencyHistogram };
  }
}
