import * as hdr from 'hdr-histogram-js';

/** Latency percentiles in fractional milliseconds. */
export interface LatencyPercentiles {
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  p999: number;
  max: number;
  min: number;
  mean: number;
}

const MICROS_PER_MS = 1000;

/**
 * Exact per-request latencies, kept in an HdrHistogram at microsecond resolution with three
 * significant digits (0.1% relative error), so percentiles are not rounded to whole
 * milliseconds as autocannon's own are.
 */
export class LatencyHistogram {
  private readonly histogram = hdr.build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: 3_600_000_000,
    numberOfSignificantValueDigits: 3,
    autoResize: true,
  });

  recordMs(latencyMs: number): void {
    this.histogram.recordValue(Math.max(1, Math.round(latencyMs * MICROS_PER_MS)));
  }

  get count(): number {
    return this.histogram.totalCount;
  }

  percentileMs(percentile: number): number {
    return this.histogram.getValueAtPercentile(percentile) / MICROS_PER_MS;
  }

  percentiles(): LatencyPercentiles {
    if (this.count === 0) return { p50: 0, p90: 0, p95: 0, p99: 0, p999: 0, max: 0, min: 0, mean: 0 };
    return {
      p50: this.percentileMs(50),
      p90: this.percentileMs(90),
      p95: this.percentileMs(95),
      p99: this.percentileMs(99),
      p999: this.percentileMs(99.9),
      max: this.histogram.maxValue / MICROS_PER_MS,
      min: this.histogram.minNonZeroValue / MICROS_PER_MS,
      mean: this.histogram.mean / MICROS_PER_MS,
    };
  }

  /** Frees the histogram's buffers (they live outside the JS heap when WebAssembly is used). */
  destroy(): void {
    this.histogram.destroy();
  }
}
