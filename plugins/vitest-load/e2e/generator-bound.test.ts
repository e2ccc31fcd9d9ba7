import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runFixtureVitest, useTemporaryBaselineDir } from './run-vitest.ts';

const baselineDir = useTemporaryBaselineDir();

describe('a load the generator cannot send, end to end', () => {
  it('marks both results generator-bound everywhere they are shown and leaves the claim between them unjudged', async () => {
    const { exitCode, output } = await runFixtureVitest(['suites/generator-bound.load.ts'], {
      E2E_BASELINE_DIR: baselineDir(),
    });
    expect(exitCode, output).toBe(0);
    const marker =
      /generator-bound: load generator at \d+% of its core, \d+% of its requests sent late, target at \d+%/;
    // The result line of each target, and its row in the results table.
    for (const target of ['instant-a', 'instant-b']) {
      expect(output).toMatch(new RegExp(`far beyond the generator × ${target}: .* \\| ${marker.source}`));
      expect(output).toMatch(new RegExp(`far beyond the generator\\s+${target} .* · ${marker.source}`));
    }
    expect(output).toMatch(
      /expectation "instant-a at least 1\.01× faster than instant-b in p95" is not judged: instant-a \(.*\) and instant-b \(.*\) are generator-bound/,
    );
    expect(output).not.toMatch(/holds|is contradicted/);

    const reports = join(baselineDir(), 'reports');
    const results = JSON.parse(await readFile(join(reports, 'results.json'), 'utf8'));
    for (const { result } of results.results) {
      expect(result.cpuShares).toMatchObject({ generatorCores: 1, generatorBound: true });
      // Nearly every request late: a generator four times short of the rate only falls further behind.
      expect(result.cpuShares.lateSends).toBeGreaterThan(0.5);
      // Counted over the time the sends took, not the 0.5 s planned: at most ~1,000 a second.
      expect(result.requestsPerSecond).toBeLessThan(2000);
    }
    const summary = await readFile(join(reports, 'summary.md'), 'utf8');
    expect(summary).toMatch(new RegExp(`- ⚠️ far beyond the generator × instant-a: ${marker.source}`));
    const html = await readFile(join(reports, 'report.html'), 'utf8');
    expect(html).toMatch(new RegExp(`<span class="badge badge-generator-bound"[^>]*>${marker.source}</span>`));
  });
});
