import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { runFixtureVitest, useTemporaryBaselineDir } from './run-vitest.ts';

const baselineDir = useTemporaryBaselineDir();

it('flags the plan of a route that scans a large table sequentially, in results.json, the terminal and the summary', async () => {
  const { exitCode, output } = await runFixtureVitest(['suites/query-plan.load.ts'], {
    E2E_BASELINE_DIR: baselineDir(),
    E2E_SERVICES: 'postgres',
  });
  expect(exitCode, output).toBe(0);
  const reports = join(baselineDir(), 'reports');
  const results = JSON.parse(await readFile(join(reports, 'results.json'), 'utf8'));
  const [entry] = results.results;
  const plan = entry.details.queries.plans[0];
  expect(plan.query).toBe('SELECT id, name FROM customers WHERE email = $1');
  expect(plan.text).toMatch(/Seq Scan on customers/);
  expect(plan.flags).toEqual([
    {
      kind: 'seq-scan-large-table',
      message: expect.stringMatching(
        /^sequential scan over customers \(about \d{2},\d{3} rows\): every call reads the whole table/,
      ),
    },
  ]);
  expect(entry.result.cost.databaseMsPerRequest).toBeGreaterThan(0);
  expect(output).toMatch(/where the time goes: database \d+% \([\d.]+ ms\/request\), target CPU \d+%/);
  expect(output).toContain('plan of SELECT id, name FROM customers WHERE email = $1: sequential scan over customers');
  const summary = await readFile(join(reports, 'summary.md'), 'utf8');
  expect(summary).toContain('<summary>Where the time goes</summary>');
  expect(summary).toContain('sequential scan over customers');
});
