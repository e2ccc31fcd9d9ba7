import { describe, expect, it } from 'vitest';
import { baselinePathFor } from './baseline-path.ts';

describe('baselinePathFor', () => {
  it('mirrors the folders below suitesDir under the baseline folder, without the .load.ts suffix', () => {
    expect(baselinePathFor('/repo/bench/basic/01-health.load.ts', '/repo/bench', '/repo/baselines')).toBe(
      '/repo/baselines/basic/01-health.json',
    );
  });

  it('keeps suites apart by their whole path below suitesDir', () => {
    expect(baselinePathFor('/repo/perf/api.load.ts', '/repo', '/tmp/b')).toBe('/tmp/b/perf/api.json');
  });
});
