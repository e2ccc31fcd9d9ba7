import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runFixtureVitest, useTemporaryBaselineDir } from './run-vitest.ts';

const suite = 'suites/compare.load.ts';
const baselineDir = useTemporaryBaselineDir();
const run = (args: string[], env: Record<string, string> = {}) =>
  runFixtureVitest([suite, ...args], { E2E_BASELINE_DIR: baselineDir(), ...env });

describe.sequential('variants compared in one run, end to end', () => {
  it('reports each variant as its own row and says that an expectation the figures bear out holds', async () => {
    const { exitCode, output } = await run([]);
    expect(exitCode, output).toBe(0);
    expect(output).toMatch(
      /expectation "quick at least 2\.00× faster than slow in p95" holds: measured \d+\.\d+× \(95% CI \d+\.\d+× … \d+\.\d+×, \d rounds\)/,
    );
    expect(output).toMatch(/waiting › quick\s+busy-server .* no baseline/);
    expect(output).toMatch(/waiting › slow\s+busy-server .* no baseline/);
  });

  it('fails the test when the measurement contradicts an expectation, whatever the latency gate', async () => {
    const { exitCode, output } = await run([], { E2E_EXPECT: 'wrong', VITEST_LOAD_LATENCY_GATE: 'report' });
    expect(exitCode, output).toBe(1);
    expect(output).toMatch(
      /expectation "slow at least 1\.20× faster than quick in p95" is contradicted: measured 0\.\d\d×/,
    );
    expect(output).toMatch(/waiting › slow\s+busy-server .* CONTRADICTED/);
  });

  it('records every variant as its own baseline entry with -u', async () => {
    const { exitCode, output } = await run(['-u']);
    expect(exitCode, output).toBe(0);
    const baseline = JSON.parse(await readFile(join(baselineDir(), 'suites', 'compare.json'), 'utf8'));
    expect(Object.keys(baseline.scenarios).sort()).toEqual(['waiting › quick', 'waiting › slow']);
    expect(baseline.scenarios['waiting › slow']['busy-server'].latencyMs.p95).toBeGreaterThan(
      baseline.scenarios['waiting › quick']['busy-server'].latencyMs.p95 * 2,
    );
  });
});
