import { describe, expect, it } from 'vitest';
import { defaultSettleSeconds, isJudged, memoryTrend } from './memory-trend.ts';

const steady = (seconds: number, every: number, mbPerMinute: number) =>
  Array.from({ length: Math.floor(seconds / every) }, (_, index) => ({
    second: (index + 1) * every,
    cpuPercent: 50,
    rssMb: 100 + (mbPerMinute * (index + 1) * every) / 60,
  }));

describe('memoryTrend', () => {
  it('fits the floor of the windows after the settle period, in MB per minute', () => {
    const trend = memoryTrend(steady(60, 0.5, 30), 15, 0.95);
    if (!isJudged(trend)) throw new Error(trend.reason);
    expect(trend.mbPerMinute).toBeCloseTo(30, 6);
    expect(trend.lateMbPerMinute).toBeCloseTo(30, 6);
    expect(trend.windows).toBe(9);
    expect(trend.fromSecond).toBe(15);
    expect(trend.toSecond).toBe(60);
    // Each window's floor is its first sample: the fitted line sits half a window below the series.
    expect(trend.floorEndMb - trend.floorStartMb).toBeCloseTo(30 * 0.75, 6);
  });

  it('uses at most 20 windows on a long soak', () => {
    const trend = memoryTrend(steady(600, 0.5, 1), 30, 0.95);
    expect(isJudged(trend) && trend.windows).toBe(20);
  });

  it('leaves a window without samples out of the fit', () => {
    const samples = steady(60, 0.5, 30).filter((sample) => sample.second < 30 || sample.second > 36);
    const trend = memoryTrend(samples, 15, 0.95);
    expect(isJudged(trend) && trend.windows).toBe(8);
  });

  it('settles for a quarter of the load, at most 30 s', () => {
    expect(defaultSettleSeconds(20)).toBe(5);
    expect(defaultSettleSeconds(600)).toBe(30);
  });
});
