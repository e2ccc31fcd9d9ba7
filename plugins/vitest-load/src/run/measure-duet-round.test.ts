import { describe, expect, it } from 'vitest';
import { canRunAsDuet, duetSlices } from './measure-duet-round.ts';

const gate = { duet: 0.5 as number | false };

describe('duetSlices', () => {
  it('alternates the sides ABBA so each is measured as often early as late', () => {
    expect(duetSlices(4, 0)).toEqual([0, 1, 1, 0, 0, 1, 1, 0]);
    expect(duetSlices(2, 1)).toEqual([1, 0, 0, 1]);
  });

  it('gives each side the same number of slices even when it is odd', () => {
    const slices = duetSlices(3, 0);
    expect(slices.filter((side) => side === 0)).toHaveLength(3);
    expect(slices.filter((side) => side === 1)).toHaveLength(3);
  });
});

describe('canRunAsDuet', () => {
  it('slices a steady closed load and a single arrival rate', () => {
    expect(canRunAsDuet({ gate })).toBe(true);
    expect(canRunAsDuet({ gate, stages: [{ duration: 2, rate: 500 }] })).toBe(true);
  });

  it('keeps whole rounds for loads that change over time, faults, a leak check, or when told to', () => {
    expect(
      canRunAsDuet({
        gate,
        stages: [
          { duration: 1, connections: 10 },
          { duration: 1, connections: 100 },
        ],
      }),
    ).toBe(false);
    expect(canRunAsDuet({ gate, faults: [{ service: 'postgres', at: 1, duration: 1 } as never] })).toBe(false);
    expect(canRunAsDuet({ gate: { ...gate, leak: { maxGrowthMbPerMinute: 5, minGrowthMb: 10 } } })).toBe(false);
    expect(canRunAsDuet({ gate: { duet: false } })).toBe(false);
  });
});
