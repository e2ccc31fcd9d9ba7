import { describe, expect, it } from 'vitest';
import { arrivalTimes, totalSeconds } from './arrival-schedule.ts';

describe('arrivalTimes', () => {
  it('spaces requests evenly at the rate', () => {
    expect([...arrivalTimes([{ durationSeconds: 1, rate: 4 }])]).toEqual([0, 250, 500, 750]);
  });

  it('runs stages one after the other, each at its own rate', () => {
    const times = [
      ...arrivalTimes([
        { durationSeconds: 0.5, rate: 4 },
        { durationSeconds: 0.5, rate: 8 },
      ]),
    ];
    expect(times).toEqual([0, 250, 500, 625, 750, 875]);
  });

  it('sends rate × duration requests in all', () => {
    expect([
      ...arrivalTimes([
        { durationSeconds: 2, rate: 1000 },
        { durationSeconds: 1, rate: 10 },
      ]),
    ]).toHaveLength(2010);
    expect(
      totalSeconds([
        { durationSeconds: 2, rate: 1000 },
        { durationSeconds: 1, rate: 10 },
      ]),
    ).toBe(3);
  });
});
