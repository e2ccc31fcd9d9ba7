import { describe, expect, it } from 'vitest';
import type { ResourceUsage } from '../measure/load-details.ts';
import { judgeMemory, type LeakGate } from './memory-leak.ts';

type Samples = ResourceUsage['samples'];

/** A deterministic jitter in [-1, 1) MB, so the series look measured without being random. */
const jitter = (index: number): number => ((index * 7919) % 200) / 100 - 1;

/**
 * RSS every 0.5 s for `seconds`: a garbage-collected heap that climbs by `tooth` MB over each
 * `period` seconds and drops back at a collection, on top of `floor(t)`.
 */
function series(seconds: number, floor: (second: number) => number, tooth = 25, period = 7, every = 0.5): Samples {
  return Array.from({ length: Math.floor(seconds / every) }, (_, index) => {
    const second = (index + 1) * every;
    return { second, cpuPercent: 90, rssMb: floor(second) + tooth * ((second % period) / period) + jitter(index) };
  });
}

const gate: LeakGate = { maxGrowthMbPerMinute: 5, minGrowthMb: 10 };
const twoMinutes = (floor: (second: number) => number, tooth?: number, period?: number) =>
  judgeMemory([series(120, floor, tooth, period)], 120, gate, 0.95);

describe('judgeMemory', () => {
  it('passes a saw-tooth of collections that returns to the same floor', () => {
    const verdict = twoMinutes(() => 60);
    expect(verdict.outcome).toBe('flat');
    expect(Math.abs(verdict.trend!.mbPerMinute)).toBeLessThan(1);
    expect(verdict.message).toMatch(
      /^memory floor [+−]\d\.\d MB\/min \(floor 6\d MB → 6\d MB over 90 s; 95% CI .*\): no leak; limit 5\.0 MB\/min/,
    );
  });

  it('passes a slow saw-tooth whose collections come only every 20 s', () => {
    expect(twoMinutes(() => 60, 40, 20).outcome).toBe('flat');
  });

  it('fails a floor that climbs steadily, saying how fast, from what to what, and the limit', () => {
    const verdict = twoMinutes((second) => 60 + (40 * second) / 60);
    expect(verdict.outcome).toBe('leak');
    expect(verdict.trend!.mbPerMinute).toBeCloseTo(40, 0);
    expect(verdict.trend!.low).toBeGreaterThan(30);
    expect(verdict.message).toMatch(
      /^memory grew 40 MB\/min \(floor 80 MB → 140 MB over 90 s; 95% CI \+\d+ MB\/min … \+\d+ MB\/min\) and was still growing \d+ MB\/min at the end; limit 5\.0 MB\/min$/,
    );
  });

  it('treats one step up then flat (a cache filling) as levelled off, not a leak, and says so', () => {
    const verdict = twoMinutes((second) => (second < 72 ? 60 : 90));
    expect(verdict.outcome).toBe('levelled');
    expect(verdict.message).toContain('levelled off');
    expect(verdict.message).toContain('filling up, not leaking');
  });

  it('does not tilt its line for a step late in the load, which Theil-Sen sees as a few wild windows', () => {
    expect(twoMinutes((second) => (second < 105 ? 60 : 90)).outcome).toBe('flat');
  });

  it('passes growth faster than the limit that stays below the least growth that counts', () => {
    const verdict = judgeMemory([series(20, (second) => 60 + (12 * second) / 60, 0)], 20, gate, 0.95);
    expect(verdict.trend!.mbPerMinute).toBeGreaterThan(5);
    expect(verdict.outcome).toBe('flat');
  });

  it('passes a slow climb within the limit', () => {
    expect(twoMinutes((second) => 60 + (2 * second) / 60).outcome).toBe('flat');
  });

  it('leaves out the settle period, when a young process sizes its heap', () => {
    const verdict = twoMinutes((second) => (second < 30 ? 20 + second : 60));
    expect(verdict.outcome).toBe('flat');
    expect(verdict.rule.settleSeconds).toBe(30);
    expect(verdict.trend!.fromSecond).toBe(30);
  });

  it('judges a short load sampled often', () => {
    const verdict = judgeMemory([series(15, (second) => 60 + (120 * second) / 60, 8, 1.5, 0.25)], 15, gate, 0.95);
    expect(verdict.outcome).toBe('leak');
  });

  it('does not judge a load too short to tell, and says what it needs', () => {
    const verdict = judgeMemory([series(4, () => 60)], 4, gate, 0.95);
    expect(verdict.outcome).toBe('unjudged');
    expect(verdict.message).toMatch(
      /memory growth not judged: \d+ samples over \d\.\d s after the settle period of 1\.0 s; at least 6 s/,
    );
  });

  it('does not judge without samples', () => {
    expect(judgeMemory([undefined], 120, gate, 0.95).outcome).toBe('unjudged');
  });

  it('calls a leak when at least half of the rounds leaked, and says in how many', () => {
    const leaking = series(120, (second) => 60 + (40 * second) / 60);
    const flat = series(120, () => 60);
    expect(judgeMemory([flat, leaking, flat], 120, gate, 0.95).outcome).toBe('flat');
    const verdict = judgeMemory([leaking, flat, leaking], 120, gate, 0.95);
    expect(verdict.outcome).toBe('leak');
    expect(verdict.leakingRounds).toBe(2);
    expect(verdict.message).toContain('in 2 of 3 rounds');
  });
});
