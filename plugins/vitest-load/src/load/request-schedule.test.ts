import { describe, expect, it } from 'vitest';
import { requestSchedule } from './request-schedule.ts';

describe('requestSchedule', () => {
  it('holds each request as often as its weight', () => {
    const schedule = requestSchedule([{ weight: 6 }, { weight: 3 }, { weight: 1 }]);
    expect(schedule).toHaveLength(10);
    expect(schedule.filter((index) => index === 0)).toHaveLength(6);
    expect(schedule.filter((index) => index === 1)).toHaveLength(3);
    expect(schedule.filter((index) => index === 2)).toHaveLength(1);
  });

  it('is the same in every run and mixes the kinds rather than grouping them', () => {
    const weights = [{ weight: 10 }, { weight: 10 }];
    expect(requestSchedule(weights)).toEqual(requestSchedule(weights));
    expect(requestSchedule(weights).join('')).not.toBe('0'.repeat(10) + '1'.repeat(10));
  });
});
