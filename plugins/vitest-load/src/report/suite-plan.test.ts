import { describe, expect, it } from 'vitest';
import { planMeta, plannedSeconds, readPlannedSeconds, ROUND_OVERHEAD_SECONDS } from './suite-plan.ts';

describe('plannedSeconds', () => {
  it('counts each round as the target start and stop plus its load', () => {
    expect(plannedSeconds({ rounds: 3, loadsPerRound: 1, loadSeconds: 3, sides: 1 })).toBe(
      3 * (ROUND_OVERHEAD_SECONDS + 3),
    );
  });

  it('loads every variant of a comparison in each round, and both sides of an A/B', () => {
    expect(plannedSeconds({ rounds: 3, loadsPerRound: 4, loadSeconds: 1.5, sides: 2 }, 2)).toBe(2 * 3 * (2 + 4 * 1.5));
  });

  it('is one short round in a smoke run: 2 s of load and the start cost', () => {
    expect(plannedSeconds({ rounds: 1, loadsPerRound: 1, loadSeconds: 2, sides: 1 }, 3)).toBe(5);
  });
});

describe('the plan in a test meta', () => {
  it('reads back what the declaration wrote', () => {
    expect(readPlannedSeconds(planMeta(12.5))).toBe(12.5);
  });

  it('is absent from the meta of a test that is not a load test', () => {
    expect(readPlannedSeconds({})).toBeUndefined();
    expect(readPlannedSeconds({ vitestLoadPlan: 'soon' })).toBeUndefined();
  });
});
