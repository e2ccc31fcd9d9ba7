import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runFixtureVitest, useTemporaryBaselineDir } from './run-vitest.ts';

const baselineDir = useTemporaryBaselineDir();

describe('the leak check, end to end', () => {
  it('fails a server that keeps 16 KB per request with what it found, and passes the same server that lets them go', async () => {
    const { exitCode, output } = await runFixtureVitest(['suites/leak.load.ts'], {
      E2E_BASELINE_DIR: baselineDir(),
      VITEST_LOAD_LATENCY_GATE: 'report',
    });
    // The latency gate only reports, as in CI: a leak fails all the same.
    expect(exitCode, output).toBe(1);
    expect(output).toMatch(
      /soak leaky × leaky-server: memory grew \d+ MB\/min \(floor \d+ MB → \d+ MB over \d+ s; 95% CI \+\d+ MB\/min … \+\d+ MB\/min\) and was still growing \d+ MB\/min at the end; limit 8\.0 MB\/min/,
    );
    expect(output).toMatch(/soak leaky\s+leaky-server .* LEAK/);
    expect(output).toMatch(/leaky-server: .* RSS up to \d+ MB, floor \+\d+\.\d MB\/min \(limit 8 MB\/min\)/);

    const results = JSON.parse(await readFile(join(baselineDir(), 'reports', 'results.json'), 'utf8'));
    const byTarget = Object.fromEntries(results.results.map((entry: { target: string }) => [entry.target, entry]));
    expect(byTarget['leaky-server'].verdict).toMatchObject({
      outcome: 'leak',
      failed: true,
      memory: { outcome: 'leak', leakingRounds: 1 },
    });
    expect(byTarget['leaky-server'].verdict.memory.trend.mbPerMinute).toBeGreaterThan(100);
    // The same allocation, let go: the floor stays within the limit.
    expect(byTarget['tidy-server'].verdict.failed, JSON.stringify(byTarget['tidy-server'].verdict)).toBe(false);
    expect(byTarget['tidy-server'].verdict.memory.outcome).toBe('flat');
    const tidy = byTarget['tidy-server'].verdict.memory.trend;
    expect(tidy.floorEndMb - tidy.floorStartMb).toBeLessThan(10);
  });
});
