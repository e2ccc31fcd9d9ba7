import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fixtureRoot, runAttackers, startFixtureServer } from './vegeta-attackers.ts';
import { runFixtureVitest, useTemporaryBaselineDir } from './run-vitest.ts';

const cli = fileURLToPath(new URL('../src/cli/vitest-load.ts', import.meta.url));

/** Three attackers at 30 req/s each for 1.5 s against the fixture server, then `vitest-load vegeta judge` on their files. */
async function attackAndJudge(baselineFile: string, serverEnv: Record<string, string>) {
  const folder = await mkdtemp(join(tmpdir(), 'vitest-load-attackers-'));
  const server = await startFixtureServer(serverEnv);
  try {
    const files = await runAttackers(server.url, folder, 3, 30, 1.5);
    const judged = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        cli,
        'vegeta',
        'judge',
        ...files,
        '--baseline',
        baselineFile,
        '--scenario',
        'busy GET',
        '--target',
        'busy-server',
        '--max-p95-increase',
        '100%',
      ],
      { cwd: fixtureRoot, encoding: 'utf8', timeout: 60_000 },
    );
    return { exitCode: judged.status, output: `${judged.stdout}${judged.stderr}` };
  } finally {
    server.stop();
    await rm(folder, { recursive: true, force: true });
  }
}

const baselineDir = useTemporaryBaselineDir();

// Vegeta is found on the PATH or in the fixture's cache, or built there with Go on the first run
// (about a minute): a machine that can do neither fails here with the install line in the output.
describe.sequential('the vegeta engine, end to end', () => {
  it('sends an arrival rate and a closed model as asked, a mix by its weights, into the same results', async () => {
    const { exitCode, output } = await runFixtureVitest(['suites/vegeta.load.ts'], {
      E2E_BASELINE_DIR: baselineDir(),
    });
    expect(exitCode, output).toBe(0);
    // 200 requests/s for 1 s: vegeta's pacer sends 200, a quarter of them the "b" kind.
    const open = [...output.matchAll(/vegeta open round: (\d+) responses, a (\d+) b (\d+), errors (\d+), p95 true/g)];
    expect(open, output).toHaveLength(2);
    for (const [, responses, a, b, errors] of open) {
      expect(Number(responses), output).toBeGreaterThanOrEqual(190);
      expect(Number(responses), output).toBeLessThanOrEqual(210);
      expect(Number(a) + Number(b)).toBe(Number(responses));
      expect(Number(b), output).toBeGreaterThanOrEqual(40);
      expect(Number(b), output).toBeLessThanOrEqual(60);
      expect(Number(errors)).toBe(0);
    }
    // Five workers on requests held 100 ms: never more than five at once, at most ~50 in 1 s.
    const [, closed, inFlight] = /vegeta closed round: (\d+) responses, at most (\d+) in flight/.exec(output) ?? [];
    expect(Number(inFlight), output).toBe(5);
    expect(Number(closed), output).toBeGreaterThanOrEqual(20);
    expect(Number(closed), output).toBeLessThanOrEqual(55);
    // The same result shape as the built-in engine's: the results file and the result line.
    const results = JSON.parse(await readFile(join(baselineDir(), 'reports', 'results.json'), 'utf8'));
    const scenarios = JSON.stringify(results);
    expect(scenarios).toContain('vegeta open mix');
    expect(scenarios).toContain('vegeta closed');
    expect(output).toMatch(/vegeta open mix\s+busy-server .*no baseline/);
  });

  it('records a baseline through vegeta and fails a target slowed by 40 ms against it', async () => {
    const run = (args: string[], env: Record<string, string>) =>
      runFixtureVitest(['suites/gate.load.ts', ...args], {
        E2E_BASELINE_DIR: baselineDir(),
        VITEST_LOAD_ENGINE: 'vegeta',
        BASE_SLEEP_MS: '5',
        ...env,
      });
    const recorded = await run(['-u'], {});
    expect(recorded.exitCode, recorded.output).toBe(0);
    const baseline = JSON.parse(await readFile(join(baselineDir(), 'suites', 'gate.json'), 'utf8'));
    expect(baseline.scenarios['busy GET']['busy-server'].latencyMs.p95).toBeGreaterThan(4.9);
    const slowed = await run([], { EXTRA_SLEEP_MS: '40' });
    expect(slowed.exitCode, slowed.output).toBe(1);
    expect(slowed.output).toMatch(/busy GET × busy-server: p95 regressed \+\d+\.\d%/);
    expect(slowed.output).toMatch(/busy-server .* REGRESSED/);
  });

  it('merges three attackers side by side into one load and judges it against the baseline: unchanged passes, slowed by 40 ms fails', async () => {
    const baselineFile = join(baselineDir(), 'suites', 'gate.json');
    const unchanged = await attackAndJudge(baselineFile, { BASE_SLEEP_MS: '5' });
    expect(unchanged.exitCode, unchanged.output).toBe(0);
    // 3 × 30 req/s × 1.5 s: 135 requests, every one in the merged histogram.
    const [, responses] =
      /busy GET × busy-server: 3 results files merged: (\d+) responses/.exec(unchanged.output) ?? [];
    expect(Number(responses), unchanged.output).toBeGreaterThanOrEqual(130);
    expect(Number(responses), unchanged.output).toBeLessThanOrEqual(140);
    expect(unchanged.output).toMatch(/p95 [+-]\d+\.\d% \(one merged load: no interval\): .*: pass/);
    const slowed = await attackAndJudge(baselineFile, { BASE_SLEEP_MS: '5', EXTRA_SLEEP_MS: '40' });
    expect(slowed.exitCode, slowed.output).toBe(1);
    expect(slowed.output).toMatch(/busy GET × busy-server: p95 regressed \+\d+\.\d% \(one merged load: no interval\)/);
  });

  it('refuses a suite in stages on VITEST_LOAD_ENGINE=vegeta before any load, naming the option and the variable', async () => {
    const { exitCode, output } = await runFixtureVitest(['suites/stages.load.ts'], {
      E2E_BASELINE_DIR: baselineDir(),
      VITEST_LOAD_ENGINE: 'vegeta',
    });
    expect(exitCode, output).toBe(1);
    expect(output).toContain('stages: the "vegeta" engine runs a steady load only');
    expect(output).toContain('VITEST_LOAD_ENGINE=vegeta');
  });
});
