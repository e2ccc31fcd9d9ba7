import { describe, expect, it } from 'vitest';
import { independentChangeInterval, pairedChangeInterval } from './change-interval.ts';

describe('pairedChangeInterval', () => {
  it('estimates the geometric mean of the per-pair ratios', () => {
    const interval = pairedChangeInterval([10, 20, 40], [11, 22, 44], 0.95)!;
    expect(interval.estimate).toBeCloseTo(0.1, 10);
    // Every pair moved by exactly 10%: no spread, so the interval is a point.
    expect(interval.low).toBeCloseTo(0.1, 10);
    expect(interval.high).toBeCloseTo(0.1, 10);
    expect(interval).toMatchObject({ paired: true, baseRounds: 3, headRounds: 3, confidence: 0.95 });
  });

  it('cancels drift that moves both sides of a pair alike', () => {
    // The machine got 50% slower between pairs; head stayed 5% above base in each pair.
    const base = [1, 1.5, 1.2, 0.9];
    const interval = pairedChangeInterval(
      base,
      base.map((value) => value * 1.05),
      0.95,
    )!;
    expect(interval.low).toBeCloseTo(0.05, 10);
    expect(interval.high).toBeCloseTo(0.05, 10);
    // The same numbers unpaired see the drift as noise and cannot tell.
    const unpaired = independentChangeInterval(
      base,
      base.map((value) => value * 1.05),
      0.95,
    )!;
    expect(unpaired.low).toBeLessThan(0);
  });

  it('widens with the spread of the pairs and narrows with more of them', () => {
    const few = pairedChangeInterval([1, 1, 1], [1.1, 0.95, 1.05], 0.95)!;
    const many = pairedChangeInterval(
      [1, 1, 1, 1, 1, 1, 1, 1, 1],
      [1.1, 0.95, 1.05, 1.1, 0.95, 1.05, 1.1, 0.95, 1.05],
      0.95,
    )!;
    expect(few.low).toBeLessThan(many.low);
    expect(few.high).toBeGreaterThan(many.high);
    expect(many.low).toBeLessThan(many.estimate);
    expect(many.high).toBeGreaterThan(many.estimate);
  });

  it('matches a hand-computed t interval', () => {
    // Log ratios ln(1.1), ln(1.0), ln(1.2): mean m, sd s, t(0.975, 2) = 4.3027.
    const logs = [Math.log(1.1), 0, Math.log(1.2)];
    const mean = (logs[0]! + logs[1]! + logs[2]!) / 3;
    const sd = Math.sqrt(logs.reduce((sum, value) => sum + (value - mean) ** 2, 0) / 2);
    const interval = pairedChangeInterval([1, 1, 1], [1.1, 1, 1.2], 0.95)!;
    expect(interval.low).toBeCloseTo(Math.expm1(mean - (4.302653 * sd) / Math.sqrt(3)), 5);
    expect(interval.high).toBeCloseTo(Math.expm1(mean + (4.302653 * sd) / Math.sqrt(3)), 5);
  });

  it('gives no interval for a single pair', () => {
    expect(pairedChangeInterval([1], [2], 0.95)).toBeUndefined();
  });
});

describe('independentChangeInterval', () => {
  it('lends the spread of the side with rounds to a side measured once', () => {
    const interval = independentChangeInterval([1, 1.1, 0.9, 1], [1.5], 0.95)!;
    expect(interval.estimate).toBeGreaterThan(0.4);
    expect(interval.low).toBeGreaterThan(0);
    expect(interval).toMatchObject({ paired: false, baseRounds: 4, headRounds: 1 });
  });

  it('gives no interval when neither side has two rounds', () => {
    expect(independentChangeInterval([1], [1.2], 0.95)).toBeUndefined();
    expect(independentChangeInterval([], [1.2, 1.3], 0.95)).toBeUndefined();
  });

  it('is wider at a higher confidence', () => {
    const base = [1, 1.05, 0.97, 1.02];
    const head = [1.1, 1.12, 1.04, 1.09];
    const at95 = independentChangeInterval(base, head, 0.95)!;
    const at99 = independentChangeInterval(base, head, 0.99)!;
    expect(at99.high - at99.low).toBeGreaterThan(at95.high - at95.low);
  });
});
