import { describe, expect, it } from 'vitest';
import { BucketedLatencies, ExactLatencies, type LatencyDistribution } from './latency-distribution.ts';
import { bucketOf, CHART_SCALE, FINE_SCALE } from './log-buckets.ts';

describe('latency distributions', () => {
  it('read the same percentiles, bucketed within 1% of exact, whatever kind is recording', () => {
    const exact = new ExactLatencies();
    const bucketed = new BucketedLatencies(FINE_SCALE);
    for (const distribution of [exact, bucketed] as LatencyDistribution[])
      for (let index = 0; index < 1000; index++) distribution.recordMs(1 + index / 100);
    expect(bucketed.count).toBe(exact.count);
    expect(Math.abs(bucketed.percentileMs(95) / exact.percentileMs(95) - 1)).toBeLessThan(0.01);
    exact.destroy();
  });

  it('puts each latency in the bucket the shared bucket scheme names', () => {
    const latencies = [0.0005, 0.001, 0.37, 1, 5.5, 123.4, 9e9];
    const bucketed = new BucketedLatencies(FINE_SCALE);
    for (const ms of latencies) bucketed.recordMs(ms);
    const expected = new Uint32Array(FINE_SCALE.size);
    for (const ms of latencies) expected[bucketOf(FINE_SCALE, ms)]!++;
    expect([...bucketed.counts]).toEqual([...expected]);
  });

  it('add up across windows of one scale and refuse another scale', () => {
    const window = new BucketedLatencies(FINE_SCALE);
    window.recordMs(2);
    const pooled = new BucketedLatencies(FINE_SCALE).add(window).add(window);
    expect(pooled.count).toBe(2);
    expect(() => pooled.add(new BucketedLatencies(CHART_SCALE))).toThrow('different scales');
  });

  it('draw as bars from the first to the last bucket that holds a latency', () => {
    const chart = new BucketedLatencies(CHART_SCALE);
    for (const ms of [1, 1, 10]) chart.recordMs(ms);
    const bars = chart.bars();
    expect(bars[0]!.count).toBe(2);
    expect(bars.at(-1)!.count).toBe(1);
    expect(bars[0]!.fromMs).toBeLessThan(1);
    expect(bars[0]!.toMs).toBeGreaterThanOrEqual(1);
    expect(bars.reduce((sum, bar) => sum + bar.count, 0)).toBe(3);
  });
});
