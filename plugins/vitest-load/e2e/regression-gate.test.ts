import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runFixtureVitest, useTemporaryBaselineDir } from './run-vitest.ts';

const suite = 'suites/gate.load.ts';
const baselineDir = useTemporaryBaselineDir();

const run = (args: string[], env: Record<string, string> = {}) =>
  runFixtureVitest([suite, ...args], { E2E_BASELINE_DIR: baselineDir(), BASE_SLEEP_MS: '5', ...env });

// The steps build on each other: no baseline, record one, pass unchanged, catch a slowdown.
describe.sequential('the p95 regression gate, end to end', () => {
  it('passes without a baseline, says how to record one and writes no baseline', async () => {
    const { exitCode, output } = await run([]);
    expect(exitCode, output).toBe(0);
    expect(output).toContain('no baseline yet');
    expect(output).toContain('pnpm vitest run --project perf -u');
    expect(await readdir(baselineDir())).toEqual(['reports']);
  });

  it('records a baseline when asked with -u', async () => {
    const { exitCode, output } = await run(['-u']);
    expect(exitCode, output).toBe(0);
    const baseline = JSON.parse(await readFile(join(baselineDir(), 'suites', 'gate.json'), 'utf8'));
    expect(baseline.scenarios['busy GET']['busy-server'].latencyMs.p95).toBeGreaterThan(4.9);
    // Each round on its own, for the interval of later verdicts.
    expect(baseline.scenarios['busy GET']['busy-server'].rounds).toHaveLength(3);
  });

  it('passes the unchanged target', async () => {
    const { exitCode, output } = await run([]);
    expect(exitCode, output).toBe(0);
    expect(output).toMatch(/busy GET\s+busy-server .* pass/);
  });

  it('fails a target slowed by 40 ms with scenario, target, the change and its interval, both p95s and the rule', async () => {
    const before = await readFile(join(baselineDir(), 'suites', 'gate.json'), 'utf8');
    const { exitCode, output } = await run([], { EXTRA_SLEEP_MS: '40' });
    expect(exitCode, output).toBe(1);
    expect(output).toMatch(
      /busy GET × busy-server: p95 regressed \+\d+\.\d% \(95% CI \+\d+\.\d% … \+\d+\.\d%, 3 rounds each; could detect ≥ \d+\.\d%\): now \d+\.\d+ ms, baseline \d+\.\d+ ms in .*gate\.json; threshold \+100\.0%, noise floor \+100\.0%/,
    );
    expect(output).toMatch(/busy-server .* REGRESSED/);
    expect(await readFile(join(baselineDir(), 'suites', 'gate.json'), 'utf8')).toBe(before);
    // The files a pull request gets: the JSON results and the Markdown summary.
    const results = JSON.parse(await readFile(join(baselineDir(), 'reports', 'results.json'), 'utf8'));
    expect(results.summary).toEqual({ total: 1, failed: 1, reported: 0, passed: 0 });
    expect(results.results[0]).toMatchObject({
      suite: 'suites/gate.load.ts',
      scenario: 'busy GET',
      target: 'busy-server',
      verdict: { outcome: 'regressed', failed: true },
    });
    expect(await readFile(join(baselineDir(), 'reports', 'summary.md'), 'utf8')).toMatch(
      /^## vitest-load: \*\*1 of 1 failed\*\*/,
    );
  });

  it('only reports the slowdown when the latency gate is in report mode, as in CI smoke runs', async () => {
    const { exitCode, output } = await run([], { EXTRA_SLEEP_MS: '40', VITEST_LOAD_LATENCY_GATE: 'report' });
    expect(exitCode, output).toBe(0);
    expect(output).toContain('reported only');
    expect(output).toContain('REGRESSED (reported)');
  });

  it('accepts a slowdown when the baseline is recorded anew with -u', async () => {
    const before = JSON.parse(await readFile(join(baselineDir(), 'suites', 'gate.json'), 'utf8'));
    const { exitCode, output } = await run(['-u'], { EXTRA_SLEEP_MS: '40' });
    expect(exitCode, output).toBe(0);
    expect(output).toMatch(/busy-server .* recorded/);
    expect(output).toContain('accepted: the baseline was recorded anew');
    const after = JSON.parse(await readFile(join(baselineDir(), 'suites', 'gate.json'), 'utf8'));
    const p95 = (file: typeof before): number => file.scenarios['busy GET']['busy-server'].latencyMs.p95;
    expect(p95(after)).toBeGreaterThan(p95(before) + 5);
  });
});
