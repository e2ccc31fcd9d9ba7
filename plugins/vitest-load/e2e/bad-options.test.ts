import { expect, it } from 'vitest';
import { runFixtureVitest } from './run-vitest.ts';

it('fails a suite with a misspelt option and names the option', async () => {
  const { exitCode, output } = await runFixtureVitest(['suites/bad-option.load.ts'], {});
  expect(exitCode, output).toBe(1);
  expect(output).toContain('bench.load("misspelt option") has invalid options');
  expect(output).toContain('option "conections" is not a known option');
});
