import { describe, expect, it } from 'vitest';
import { profilerOverhead } from './profile-details.ts';

describe('profilerOverhead', () => {
  it('compares the profiled round with the median of the judged rounds', () => {
    const overhead = profilerOverhead(900, [1200, 1000, 800]);
    expect(overhead).toMatchObject({ profiledRequestsPerSecond: 900, judgedMedianRequestsPerSecond: 1000 });
    expect(overhead?.slowdown).toBeCloseTo(0.1, 10);
  });

  it('takes the mean of the middle two of an even count of rounds', () => {
    expect(profilerOverhead(1100, [900, 1100, 1000, 1200])?.judgedMedianRequestsPerSecond).toBe(1050);
  });

  it('states nothing without judged rounds to compare with', () => {
    expect(profilerOverhead(1000, [])).toBeUndefined();
    expect(profilerOverhead(1000, [0])).toBeUndefined();
  });
});
