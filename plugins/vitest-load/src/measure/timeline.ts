import { LatencyHistogram } from './latency-histogram.ts';
import type { LoadDetails, TimelinePoint } from './load-details.ts';

/** Buckets per run at most: a 10-minute soak is drawn in 5-second steps, a 5-second load per second. */
const MAX_BUCKETS = 120;
/** Log-spaced latency buckets: 1.25x apart from 10 µs, so 64 of them reach past 10 s. */
const HISTOGRAM_FIRST_MS = 0.01;
const HISTOGRAM_STEP = 1.25;
const HISTOGRAM_BUCKETS = 64;
const CURVE_PERCENTILES = [0, 10, 25, 50, 75, 90, 95, 99, 99.5, 99.9, 99.95, 99.99, 100];

interface Bucket {
  requests: number;
  errors: number;
  histogram: LatencyHistogram;
}

/**
 * Records a load over time (requests, errors and latency percentiles per time step) and the
 * shape of its latency distribution, for reports. One array index and two additions per
 * response, plus a histogram record.
 */
export class Timeline {
  private readonly buckets: Bucket[] = [];
  private readonly counts = new Array<number>(HISTOGRAM_BUCKETS).fill(0);
  private readonly stepMs: number;
  private readonly startedAt = performance.now();

  constructor(expectedSeconds: number) {
    this.stepMs = Math.max(1, Math.ceil(expectedSeconds / MAX_BUCKETS)) * 1000;
  }

  record(latencyMs: number, unexpected: boolean): void {
    const index = Math.floor((performance.now() - this.startedAt) / this.stepMs);
    let bucket = this.buckets[index];
    if (!bucket) {
      bucket = { requests: 0, errors: 0, histogram: new LatencyHistogram() };
      this.buckets[index] = bucket;
    }
    bucket.requests++;
    if (unexpected) bucket.errors++;
    bucket.histogram.recordMs(latencyMs);
    const slot = latencyMs <= HISTOGRAM_FIRST_MS ? 0 : Math.min(HISTOGRAM_BUCKETS - 1, Math.floor(Math.log(latencyMs / HISTOGRAM_FIRST_MS) / Math.log(HISTOGRAM_STEP)));
    this.counts[slot]!++;
  }

  /** The timeline, plus the curve and histogram of `overall` (the whole load's latencies). */
  details(overall: LatencyHistogram): Pick<LoadDetails, 'timeline' | 'latencyCurve' | 'latencyHistogram'> {
    const stepSeconds = this.stepMs / 1000;
    const timeline: TimelinePoint[] = [];
    this.buckets.forEach((bucket, index) => {
      if (!bucket) return;
      const p = bucket.histogram.percentiles();
      timeline.push({ second: index * stepSeconds, requests: bucket.requests / stepSeconds, p50: p.p50, p95: p.p95, p99: p.p99, errors: bucket.errors });
    });
    const first = this.counts.findIndex((count) => count > 0);
    const last = this.counts.findLastIndex((count) => count > 0);
    const latencyHistogram =
      first < 0
        ? []
        : this.counts.slice(first, last + 1).map((count, offset) => ({
            fromMs: HISTOGRAM_FIRST_MS * HISTOGRAM_STEP ** (first + offset),
            toMs: HISTOGRAM_FIRST_MS * HISTOGRAM_STEP ** (first + offset + 1),
            count,
          }));
    const latencyCurve = overall.count === 0 ? [] : CURVE_PERCENTILES.map((percentile) => ({ percentile, ms: overall.percentileMs(percentile) }));
    return { timeline, latencyCurve, latencyHistogram };
  }

  destroy(): void {
    for (const bucket of this.buckets) bucket?.histogram.destroy();
  }
}
