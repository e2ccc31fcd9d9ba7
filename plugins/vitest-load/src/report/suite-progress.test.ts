import { describe, expect, it } from 'vitest';
import {
  estimateLeftSeconds,
  formatPlanOnly,
  formatRunEnd,
  formatRunStart,
  formatSeconds,
  formatSuiteProgress,
  type SuiteProgress,
} from './suite-progress.ts';

const third: SuiteProgress = {
  index: 3,
  total: 8,
  suite: 'bench/basic/03-db-read.load.ts',
  tests: 22,
  plannedSeconds: 110,
  elapsedSeconds: 130,
  collectedLeftSeconds: 110,
  collectedPlannedSeconds: 240,
  collectedSuites: 3,
};

describe('formatSeconds', () => {
  it('reads as seconds, minutes and seconds, or hours and minutes', () => {
    expect([
      formatSeconds(44.6),
      formatSeconds(120),
      formatSeconds(200),
      formatSeconds(3900),
      formatSeconds(7200),
    ]).toEqual(['45 s', '2 min', '3 min 20 s', '1 h 5 min', '2 h']);
  });
});

describe('estimateLeftSeconds', () => {
  it('counts the unfinished collected suites by plan and the others at the mean plan so far', () => {
    // 110 s for this suite, then 5 suites not collected yet at 240 / 3 = 80 s each.
    expect(estimateLeftSeconds(third)).toBe(110 + 5 * 80);
  });

  it('is the unfinished plans alone once every suite is collected', () => {
    expect(estimateLeftSeconds({ ...third, index: 8, collectedSuites: 8, collectedLeftSeconds: 30 })).toBe(30);
  });
});

describe('formatSuiteProgress', () => {
  it('says which suite of how many, its tests and expected time, the time spent and left', () => {
    expect(formatSuiteProgress(third)).toBe(
      'vitest-load: suite 3 of 8, bench/basic/03-db-read.load.ts: 22 load tests, about 1 min 50 s · 2 min 10 s elapsed, about 8 min 30 s left (suites not started yet counted at the mean of those so far)',
    );
  });

  it('leaves out the extrapolation once every suite is known', () => {
    expect(
      formatSuiteProgress({
        ...third,
        index: 8,
        tests: 1,
        plannedSeconds: 30,
        collectedSuites: 8,
        collectedLeftSeconds: 30,
      }),
    ).toBe(
      'vitest-load: suite 8 of 8, bench/basic/03-db-read.load.ts: 1 load test, about 30 s · 2 min 10 s elapsed, about 30 s left',
    );
  });
});

describe('the run lines', () => {
  it('names the suites at the start, a few of them when there are many', () => {
    expect(formatRunStart(['a.load.ts'])).toBe(
      'vitest-load: 1 suite to run (a.load.ts); each says its expected time as it starts, from its rounds, loads and targets',
    );
    expect(formatRunStart(['a', 'b', 'c', 'd', 'e'])).toContain('5 suites to run (a, b, c and 2 more)');
  });

  it('sets the whole run against its estimate at the end', () => {
    expect(formatRunEnd(545, 600, 8)).toBe('vitest-load: 8 suites in 9 min 5 s (expected about 10 min)');
  });
});

describe('formatPlanOnly', () => {
  it('says what the filtered-out load tests would take', () => {
    expect(formatPlanOnly(8, 108, 520)).toBe(
      "vitest-load: no load test ran; the 8 suites collected declare 108 load tests, expected to take about 8 min 40 s run as this run's settings would",
    );
  });
});
