import { describe, expect, it } from 'vitest';
import { addCounts, bucketOf, COARSE_SCALE, FINE_SCALE, percentileOf } from './log-buckets.ts';

function countsOf(latencies: number[], scale = FINE_SCALE): Uint32Array {
  const counts = new Uint32Array(scale.size);
  for (const ms of latencies) counts[bucketOf(scale, ms)]!++;
  return counts;
}

describe('log buckets', () => {
  it('reads percentiles within 1% on the fine scale', () => {
    const latencies = Array.from({ length: 1000 }, (_, index) => 1 + index / 100);
    const counts = countsOf(latencies);
    expect(percentileOf(FINE_SCALE, counts, 50)).toBeCloseTo(5.99, 0);
    expect(Math.abs(percentileOf(FINE_SCALE, counts, 95) / 10.49 - 1)).toBeLessThan(0.01);
    expect(Math.abs(percentileOf(FINE_SCALE, counts, 100) / 10.99 - 1)).toBeLessThan(0.01);
  });

  it('reads within 5% on the coarse scale, and 0 without counts', () => {
    const counts = countsOf([2, 2, 2, 40], COARSE_SCALE);
    expect(Math.abs(percentileOf(COARSE_SCALE, counts, 50) / 2 - 1)).toBeLessThan(0.05);
    expect(Math.abs(percentileOf(COARSE_SCALE, counts, 99) / 40 - 1)).toBeLessThan(0.05);
    expect(percentileOf(COARSE_SCALE, new Uint32Array(COARSE_SCALE.size), 95)).toBe(0);
  });

  it('adds counts of two windows into one, as rounds are pooled', () => {
    const into = countsOf([1, 1]);
    addCounts(into, countsOf([100, 100, 100]));
    expect(percentileOf(FINE_SCALE, into, 50)).toBeGreaterThan(95);
  });

  it('puts zero, negative and enormous latencies in the end buckets rather than failing', () => {
    expect(bucketOf(FINE_SCALE, 0)).toBe(0);
    expect(bucketOf(FINE_SCALE, -3)).toBe(0);
    expect(bucketOf(FINE_SCALE, 1e12)).toBe(FINE_SCALE.size - 1);
  });
});
