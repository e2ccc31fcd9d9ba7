import { describe, expect, it } from 'vitest';
import { analysisWindowMs, medianRecovery, recoverySeconds, type RecoveryWindow } from './recovery.ts';

const calm: RecoveryWindow = { requests: 50, errors: 0, p95Ms: 2 };
const slow: RecoveryWindow = { requests: 50, errors: 0, p95Ms: 40 };
const failing: RecoveryWindow = { requests: 50, errors: 3, p95Ms: 1 };
const empty: RecoveryWindow = { requests: 0, errors: 0, p95Ms: 0 };
const rule = { referenceP95Ms: 2, factor: 2, slackMs: 1, windows: 3 };
const windowsOf = (...parts: Array<[RecoveryWindow, number]>): RecoveryWindow[] =>
  parts.flatMap(([window, count]) => Array.from({ length: count }, () => window));

describe('recoverySeconds', () => {
  it('measures from the end of the raise to the first of enough healthy windows in a row', () => {
    // 100 ms windows; the raise ends at 1 s (window 10); slow until window 14, calm from 14 on.
    const windows = windowsOf([calm, 5], [slow, 9], [calm, 10]);
    expect(recoverySeconds(windows, 100, 1000, rule)).toBeCloseTo(0.4, 9);
  });

  it('is 0 when the load was back at once', () => {
    expect(recoverySeconds(windowsOf([slow, 10], [calm, 10]), 100, 1000, rule)).toBe(0);
  });

  it('does not count a lone calm window amid slow ones', () => {
    const windows = windowsOf([slow, 10], [calm, 1], [slow, 2], [calm, 2], [slow, 1], [calm, 5]);
    expect(recoverySeconds(windows, 100, 1000, rule)).toBeCloseTo(0.6, 9);
  });

  it('counts a window of fast errors or of nothing sent as not recovered', () => {
    expect(recoverySeconds(windowsOf([slow, 10], [failing, 3], [empty, 2], [calm, 3]), 100, 1000, rule)).toBeCloseTo(
      0.5,
      9,
    );
  });

  it('is undefined when the load ends before it recovers', () => {
    expect(recoverySeconds(windowsOf([calm, 10], [slow, 10], [calm, 2]), 100, 1000, rule)).toBeUndefined();
  });

  it('starts at the first whole window after the moment, which need not fall on a window edge', () => {
    const windows = windowsOf([slow, 12], [calm, 10]);
    expect(recoverySeconds(windows, 100, 1050, rule)).toBeCloseTo(0.15, 9);
  });

  it('allows the factor, or a millisecond of slack for sub-millisecond references', () => {
    const nearly: RecoveryWindow = { requests: 50, errors: 0, p95Ms: 3.9 };
    expect(recoverySeconds(windowsOf([nearly, 5]), 100, 0, rule)).toBe(0);
    const subMs = { ...rule, referenceP95Ms: 0.2 };
    expect(recoverySeconds(windowsOf([{ requests: 50, errors: 0, p95Ms: 1.1 }, 5]), 100, 0, subMs)).toBe(0);
    expect(recoverySeconds(windowsOf([{ requests: 50, errors: 0, p95Ms: 1.3 }, 5]), 100, 0, subMs)).toBeUndefined();
  });
});

describe('medianRecovery', () => {
  it('takes the middle round, a round that never recovered counting as endless', () => {
    expect(medianRecovery([0.2, 5, 0.3])).toBe(0.3);
    expect(medianRecovery([0.2, undefined, 0.4])).toBe(0.4);
    expect(medianRecovery([0.2, undefined, undefined])).toBeUndefined();
    expect(medianRecovery([1, 2])).toBe(1.5);
    expect(medianRecovery([])).toBeUndefined();
  });
});

describe('analysisWindowMs', () => {
  it('makes windows long enough for twenty requests, between 100 ms and 1 s', () => {
    expect(analysisWindowMs(10_000, 1000, 50)).toBe(100);
    expect(analysisWindowMs(100, 1000, 50)).toBe(200);
    expect(analysisWindowMs(30, 1000, 50)).toBe(700);
    expect(analysisWindowMs(1, 1000, 50)).toBe(1000);
    expect(analysisWindowMs(0, 1000, 50)).toBe(1000);
  });
});
