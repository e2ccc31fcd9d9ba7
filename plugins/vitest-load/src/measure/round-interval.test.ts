import { describe, expect, it } from 'vitest';
import { roundInterval } from './round-interval.ts';

describe('roundInterval', () => {
  it('brackets the mean of the rounds with the t-interval of their spread', () => {
    const interval = roundInterval([10, 12, 11, 13])!;
    expect(interval.mean).toBe(11.5);
    // s = 1.291, t(0.975, 3) = 3.182: half-width 2.054.
    expect(interval.low).toBeCloseTo(9.446, 2);
    expect(interval.high).toBeCloseTo(13.554, 2);
  });

  it('gives no interval for a single round', () => {
    expect(roundInterval([5])).toBeUndefined();
  });
});
