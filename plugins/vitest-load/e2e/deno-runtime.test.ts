import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { denoRuntime, runFixtureVitest, useTemporaryBaselineDir } from './run-vitest.ts';

const suite = 'suites/gate.load.ts';
const baselineDir = useTemporaryBaselineDir();

// Vitest itself on Deno (`deno run -A npm:vitest`, here its CLI file from node_modules): the
// plugin starts the target, loads it, records and judges as on Node.
const run = (args: string[], env: Record<string, string> = {}) =>
  runFixtureVitest(
    [suite, ...args],
    { E2E_BASELINE_DIR: baselineDir(), BASE_SLEEP_MS: '5', ...env },
    [],
    denoRuntime(),
  );

describe.sequential('the plugin when Vitest runs on Deno', () => {
  it('records a baseline that names Deno as the runtime', async () => {
    const { exitCode, output } = await run(['-u']);
    expect(exitCode, output).toBe(0);
    const baseline = JSON.parse(await readFile(join(baselineDir(), 'suites', 'gate.json'), 'utf8'));
    const entry = baseline.scenarios['busy GET']['busy-server'];
    expect(entry.rounds).toHaveLength(3);
    expect(entry.environment.node).toMatch(/^deno \d+\.\d+\.\d+ \(node API v\d+/);
  });

  it('fails a target slowed by 40 ms against that baseline', async () => {
    const { exitCode, output } = await run([], { EXTRA_SLEEP_MS: '40' });
    expect(exitCode, output).toBe(1);
    expect(output).toMatch(/busy GET × busy-server: p95 regressed \+\d/);
  });
});
