import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runFixtureVitest, useTemporaryBaselineDir } from './run-vitest.ts';

const suite = 'suites/targets.load.ts';
const baselineDir = useTemporaryBaselineDir();
const run = (args: string[], env: Record<string, string> = {}) =>
  runFixtureVitest([suite, ...args], { E2E_BASELINE_DIR: baselineDir(), ...env });

describe.sequential('targets compared in the same rounds, end to end', () => {
  it('runs one test for both targets, reports each as its own row and says that a claim the figures bear out holds', async () => {
    const { exitCode, output } = await run([]);
    expect(exitCode, output).toBe(0);
    expect(output).toMatch(/quick-server vs slow-server/);
    expect(output).toMatch(
      /expectation "quick-server at least 2\.00× faster than slow-server in p95" holds: measured \d+\.\d+× \(95% CI \d+\.\d+× … \d+\.\d+×, \d rounds\)/,
    );
    expect(output).toMatch(/the same route\s+quick-server .* no baseline/);
    expect(output).toMatch(/the same route\s+slow-server .* no baseline/);
    // Targets that sleep through each request leave the generator far from its limit: its share is recorded, and no mark.
    expect(output).toMatch(/the same route × quick-server: .* \| load generator CPU \d+%/);
    expect(output).not.toContain('generator-bound');
    const results = JSON.parse(await readFile(join(baselineDir(), 'reports', 'results.json'), 'utf8'));
    for (const { target, result } of results.results as Array<{ target: string; result: Record<string, unknown> }>)
      expect(result.cpuShares, target).toEqual({
        generator: expect.any(Number),
        generatorCores: 1,
        target: expect.any(Number),
        targetCores: expect.any(Number),
        generatorBound: false,
      });
  });

  it('fails the test when the measurement contradicts a claim between targets, whatever the latency gate', async () => {
    const { exitCode, output } = await run([], { E2E_EXPECT: 'wrong', VITEST_LOAD_LATENCY_GATE: 'report' });
    expect(exitCode, output).toBe(1);
    expect(output).toMatch(
      /expectation "slow-server at least 1\.20× faster than quick-server in p95" is contradicted: measured 0\.\d\d×/,
    );
    expect(output).toMatch(/the same route\s+slow-server .* CONTRADICTED/);
  });

  it('records each target as its own baseline entry of the scenario with -u, as a load test would', async () => {
    const { exitCode, output } = await run(['-u']);
    expect(exitCode, output).toBe(0);
    const baseline = JSON.parse(await readFile(join(baselineDir(), 'suites', 'targets.json'), 'utf8'));
    const entries = baseline.scenarios['the same route'];
    expect(Object.keys(entries).sort()).toEqual(['quick-server', 'slow-server']);
    expect(entries['slow-server'].latencyMs.p95).toBeGreaterThan(entries['quick-server'].latencyMs.p95 * 2);
  });
});
