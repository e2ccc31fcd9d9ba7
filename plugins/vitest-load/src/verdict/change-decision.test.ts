import { describe, expect, it } from 'vitest';
import type { ChangeInterval } from './change-interval.ts';
import { decideChange } from './change-decision.ts';

const rule = { threshold: 0.1, noiseFloor: 0.03 };
const interval = (low: number, high: number): ChangeInterval => ({
  estimate: (low + high) / 2,
  low,
  high,
  confidence: 0.95,
  baseRounds: 5,
  headRounds: 5,
  paired: true,
  freedom: 4,
});

describe('decideChange', () => {
  it('passes when a rise as large as the threshold is ruled out', () => {
    expect(decideChange(interval(-0.02, 0.04), rule)).toBe('pass');
  });

  it('passes a real rise that is certainly smaller than the threshold', () => {
    expect(decideChange(interval(0.04, 0.08), rule)).toBe('pass');
  });

  it('calls a rise regressed when it is certainly above the noise floor and may reach the threshold', () => {
    expect(decideChange(interval(0.05, 0.15), rule)).toBe('regressed');
    expect(decideChange(interval(0.2, 0.3), rule)).toBe('regressed');
  });

  it('is inconclusive while the interval spans both the noise floor and the threshold', () => {
    expect(decideChange(interval(-0.05, 0.2), rule)).toBe('inconclusive');
    expect(decideChange(interval(0.01, 0.11), rule)).toBe('inconclusive');
  });

  it('is inconclusive without an interval', () => {
    expect(decideChange(undefined, rule)).toBe('inconclusive');
  });

  it('calls a fall beyond the noise floor an improvement', () => {
    expect(decideChange(interval(-0.3, -0.1), rule)).toBe('improved');
    expect(decideChange(interval(-0.05, 0.01), rule)).toBe('pass');
  });

  it('with a noise floor above the threshold, calls a rise between them inconclusive', () => {
    // A stored baseline on a drifting machine: a +15% rise is more than the threshold but less than the drift.
    expect(decideChange(interval(0.12, 0.18), { threshold: 0.1, noiseFloor: 0.25 })).toBe('inconclusive');
    expect(decideChange(interval(0.3, 0.4), { threshold: 0.1, noiseFloor: 0.25 })).toBe('regressed');
  });
});
