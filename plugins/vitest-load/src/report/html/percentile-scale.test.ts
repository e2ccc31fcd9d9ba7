import { describe, expect, it } from 'vitest';
import { percentileAxis } from './percentile-scale.ts';

describe('the percentile axis', () => {
  it('gives every "nine" the same width', () => {
    const axis = percentileAxis([0, 50, 90, 99, 99.9]);
    expect([0, 90, 99, 99.9].map(axis.position).map((x) => Number(x.toFixed(9)))).toEqual([0, 1, 2, 3]);
    expect(axis.position(50)).toBeCloseTo(Math.log10(2));
  });

  it('draws the maximum one step past the last finite percentile, labelled max', () => {
    const axis = percentileAxis([0, 50, 99.9, 100]);
    expect(axis.ticks.map((tick) => tick.label)).toEqual(['min', 'p50', 'p90', 'p95', 'p99', 'p99.9', 'max']);
    expect(axis.position(100)).toBe(4);
    expect(axis.max).toBe(4);
  });

  it('ends at the last finite percentile when there is no maximum', () => {
    const axis = percentileAxis([50, 99]);
    expect(axis.ticks.map((tick) => tick.label)).toEqual(['min', 'p50', 'p90', 'p95', 'p99']);
    expect(axis.max).toBeCloseTo(2);
  });
});
