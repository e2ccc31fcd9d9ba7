import { describe, expect, it } from 'vitest';
import { profileLine } from './profile-line.ts';

const summary = (frame: string, share: number) => ({
  flame: { name: '(root)', value: 1000, children: [] },
  topSelf: [{ frame, share }],
  busyMicroseconds: 1000,
});

describe('profileLine', () => {
  it('names the frame with the most self time and the overhead the run measured', () => {
    const line = profileLine({
      head: summary('slowOnPurpose server.js:3', 0.62),
      overhead: { profiledRequestsPerSecond: 900, judgedMedianRequestsPerSecond: 1000, slowdown: 0.1 },
    });
    expect(line).toBe(
      "CPU profile (an extra round, not judged): most self time: slowOnPurpose server.js:3 (62.0%); the profiled round served 900 req/s against the judged rounds' median 1000 (profiler overhead 10.0%)",
    );
  });

  it('names the frame that grew most in an A/B run', () => {
    const line = profileLine({
      head: summary('slowOnPurpose server.js:3', 0.62),
      base: summary('handler server.js:9', 0.3),
      grew: [{ frame: 'slowOnPurpose server.js:3', baseShare: 0, headShare: 0.62, growth: 0.62 }],
    });
    expect(line).toContain('grew most from base to head: slowOnPurpose server.js:3 (0.0% → 62.0% of self time)');
  });

  it('says why there is no profile', () => {
    expect(profileLine({ unavailable: 'profile: not available for python yet' })).toBe(
      'profile: not available for python yet',
    );
  });
});
