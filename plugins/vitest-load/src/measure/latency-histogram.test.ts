import { describe, expect, it } from 'vitest';
import { LatencyHistogram } from './latency-histogram.ts';

describe('LatencyHistogram', () => {
  it('keeps fractions of a millisecond that whole-millisecond percentiles would lose', () => {
    const histogram = new LatencyHistogram();
    for (let i = 1; i <= 1000; i++) histogram.recordMs(i / 1000); // 0.001 .. 1.000 ms
    const p = histogram.percentiles();
    expect(p.p50).toBeCloseTo(0.5, 2);
    expect(p.p95).toBeCloseTo(0.95, 2);
    expect(p.p99).toBeCloseTo(0.99, 2);
    expect(p.max).toBeCloseTo(1, 2);
    expect(p.min).toBeCloseTo(0.001, 3);
    histogram.destroy();
  });

  it('stays within 0.1% of the exact percentile over a wide range', () => {
    const histogram = new LatencyHistogram();
    const values = Array.from({ length: 10_000 }, (_, i) => 0.05 * 1.001 ** i); // 0.05 ms .. ~1 s
    for (const value of values) histogram.recordMs(value);
    const exactP95 = values[Math.ceil(0.95 * values.length) - 1]!;
    expect(Math.abs(histogram.percentileMs(95) - exactP95) / exactP95).toBeLessThan(0.002);
    histogram.destroy();
  });

  it('reports zeros rather than garbage when nothing was recorded', () => {
    const histogram = new LatencyHistogram();
    expect(histogram.percentiles()).toEqual({ p50: 0, p90: 0, p95: 0, p99: 0, p999: 0, max: 0, min: 0, mean: 0 });
    histogram.destroy();
  });
});
