import { describe, expect, it } from 'vitest';
import { pairedChangeInterval } from '../verdict/change-interval.ts';
import { detectableChange } from '../verdict/detectable-change.ts';
import { formatNoiseTable, noiseRows } from './noise-summary.ts';

describe('noiseRows', () => {
  it('predicts for the measured number of rounds what the verdict itself reports as detectable', () => {
    const interval = pairedChangeInterval([1, 1, 1, 1, 1], [1.04, 0.97, 1.01, 0.98, 1.02], 0.95)!;
    const [row] = noiseRows([
      { scenario: 's', target: 't', change: { interval: { ...interval, headRounds: 5 }, rule: { noiseFloor: 0.03 } } },
    ]);
    expect(row!.detectable[5]).toBeCloseTo(detectableChange(interval, 0.03), 10);
    expect(row!.detectable[20]).toBeLessThan(row!.detectable[5]!);
    expect(row!.detectable[3]).toBeGreaterThan(row!.detectable[5]!);
  });

  it('prints one line per figure measured', () => {
    const interval = { ...pairedChangeInterval([1, 1, 1], [1.1, 0.9, 1], 0.95)!, headRounds: 3 };
    const table = formatNoiseTable(
      noiseRows([
        {
          scenario: '03 GET /users/{id}',
          target: 'fastify',
          change: { interval, rule: { noiseFloor: 0.03 } },
          cpuChange: { interval, rule: { noiseFloor: 0.03 } },
        },
      ]),
    );
    expect(table.split('\n')).toHaveLength(4);
    expect(table).toContain('CPU/request');
  });
});
