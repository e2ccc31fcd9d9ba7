import { describe, expect, it } from 'vitest';
import { baselinePathFor } from './baseline-path.ts';

describe('baselinePathFor', () => {
  it('mirrors the suite folders under the baseline folder, without bench/ and the .load.ts suffix', () => {
    expect(baselinePathFor('/repo/bench/basic/01-health.load.ts', '/repo', '/repo/baselines')).toBe('/repo/baselines/basic/01-health.json');
  });

  it('keeps suites outside bench/ apart by their whole relative path', () => {
    expect(baselinePathFor('/repo/perf/api.load.ts', '/repo', '/tmp/b')).toBe('/tmp/b/perf/api.json');
  });
});
