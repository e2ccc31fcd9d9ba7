import { expect, it } from 'vitest';
import { runFixtureVitest, useTemporaryBaselineDir } from './run-vitest.ts';

const baselineDir = useTemporaryBaselineDir();

it('fails a test whose target dies under load with its exit code and the end of its stderr', async () => {
  const { exitCode, output } = await runFixtureVitest(['suites/dies.load.ts'], { E2E_BASELINE_DIR: baselineDir() });
  expect(exitCode, output).toBe(1);
  expect(output).toContain('Target "busy-server" exited with code 3 while it was under test');
  expect(output).toContain('| fatal: simulated crash in the request handler');
  // It failed at the crash, not after the 20 s load it was given.
  expect(output).not.toContain('Test timed out');
});
