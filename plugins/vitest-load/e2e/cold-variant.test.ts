import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runFixtureVitest, useTemporaryBaselineDir } from './run-vitest.ts';

const baselineDir = useTemporaryBaselineDir();

describe('a cold variant, end to end', () => {
  it('is measured first on each freshly started target, with no warm-up, against a warm variant', async () => {
    const { exitCode, output } = await runFixtureVitest(['suites/cold.load.ts'], { E2E_BASELINE_DIR: baselineDir() });
    expect(exitCode, output).toBe(0);
    expect(output).toMatch(
      /expectation "warm at least 4\.00× faster than cold in p50" holds: measured \d+\.\d+× \(95% CI/,
    );

    const results = JSON.parse(await readFile(join(baselineDir(), 'reports', 'results.json'), 'utf8'));
    const p50 = Object.fromEntries(
      results.results.map((entry: { scenario: string; result: { latencyMs: { p50: number } } }) => [
        entry.scenario,
        entry.result.latencyMs.p50,
      ]),
    );
    // All of the cold second in the server's slow time, none of the warm one.
    expect(p50['first second after a start › cold']).toBeGreaterThan(19);
    expect(p50['first second after a start › warm']).toBeLessThan(5);
  });
});
