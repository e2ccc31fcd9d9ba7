import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { runFixtureVitest, useTemporaryBaselineDir } from './run-vitest.ts';

const baselineDir = useTemporaryBaselineDir();

it('reports a hand-broken baseline with its path and field and leaves it byte for byte unchanged', async () => {
  const file = join(baselineDir(), 'suites', 'gate.json');
  await mkdir(join(baselineDir(), 'suites'), { recursive: true });
  const broken =
    '{\n  "formatVersion": 1,\n  "suite": "suites/gate.load.ts",\n  "scenarios": { "busy GET": { "busy-server": { "latencyMs": "fast" } } }\n}\n';
  await writeFile(file, broken);

  const { exitCode, output } = await runFixtureVitest(['suites/gate.load.ts'], { E2E_BASELINE_DIR: baselineDir() });

  expect(exitCode, output).toBe(1);
  expect(output).toContain(`Baseline file ${file} is not valid`);
  expect(output).toContain('field "scenarios.busy GET.busy-server.latencyMs"');
  expect(await readFile(file, 'utf8')).toBe(broken);
});
