import { describe, expect, it } from 'vitest';
import { theilSen } from './theil-sen.ts';

const xs = Array.from({ length: 12 }, (_, index) => index);

describe('theilSen', () => {
  it('recovers the slope and intercept of points on a line exactly, with a zero-width interval', () => {
    const line = theilSen(
      xs,
      xs.map((x) => 3 + 2 * x),
      0.95,
    )!;
    expect(line.slope).toBe(2);
    expect(line.intercept).toBe(3);
    expect([line.low, line.high]).toEqual([2, 2]);
  });

  it('ignores a few wild points that would tilt a least-squares fit', () => {
    const ys = xs.map((x) => 50 + 0.5 * x);
    ys[10] = 500;
    ys[11] = 600;
    expect(theilSen(xs, ys, 0.95)!.slope).toBeCloseTo(0.5, 6);
  });

  it('gives an interval that holds zero for noise around a flat level', () => {
    const noise = [0.4, -0.9, 0.1, 0.8, -0.3, -0.6, 0.7, 0.2, -0.8, 0.5, -0.1, 0.3];
    const line = theilSen(
      xs,
      noise.map((value) => 60 + value),
      0.95,
    )!;
    expect(line.low).toBeLessThan(0);
    expect(line.high).toBeGreaterThan(0);
  });

  it('gives an interval wholly above zero for a climb with noise', () => {
    const noise = [0.4, -0.9, 0.1, 0.8, -0.3, -0.6, 0.7, 0.2, -0.8, 0.5, -0.1, 0.3];
    const line = theilSen(
      xs,
      noise.map((value, x) => 60 + 2 * x + value),
      0.95,
    )!;
    expect(line.low).toBeGreaterThan(1);
    expect(line.high).toBeLessThan(3);
    expect(line.low).toBeLessThanOrEqual(line.slope);
    expect(line.high).toBeGreaterThanOrEqual(line.slope);
  });

  it('needs three points', () => {
    expect(theilSen([0, 1], [1, 2], 0.95)).toBeUndefined();
  });
});
