import { setTimeout as delay } from 'node:timers/promises';
import { expect, it } from 'vitest';
import { markedRun } from './processes-with-marker.ts';
import { runFixtureVitest, startFixtureVitest, useTemporaryBaselineDir } from './run-vitest.ts';

const baselineDir = useTemporaryBaselineDir();

it('starts PostgreSQL, Redis and a sidecar for a target, runs the check after the load, and stops them all', async () => {
  const run = markedRun();
  const { exitCode, output } = await runFixtureVitest(['suites/services.load.ts'], {
    E2E_BASELINE_DIR: baselineDir(),
    E2E_SERVICES: '1',
    ...run.env,
  });
  expect(exitCode, output).toBe(0);
  expect(output).toMatch(
    /vitest-load: PostgreSQL 1\d\.\d+ \(started by vitest-load\) at postgres:\/\/postgres@127\.0\.0\.1:\d+\/lab; .*fsync=off/,
  );
  expect(output).toMatch(/vitest-load: Redis \d+\.\d+\.\d+ \(started by vitest-load\)/);
  expect(output).toMatch(/check passed: \d+ rows for \d+ created responses and \d+ cut off/);
  expect(output).toMatch(/sidecar reached from beforeLoad at http:\/\/127\.0\.0\.1:\d+/);
  expect(await run.leftoversAfter(10)).toEqual([]);
});

it('fails the test when the check after the load finds rows missing, and says what it found', async () => {
  const { exitCode, output } = await runFixtureVitest(['suites/services.load.ts'], {
    E2E_BASELINE_DIR: baselineDir(),
    E2E_SERVICES: '1',
    E2E_PRETEND_LOST: '100',
  });
  expect(exitCode, output).toBe(1);
  expect(output).toMatch(
    /writes through services × db-server: the check after the load failed: rows lost: \d+ requests answered 201 \(and \d+ were cut off unanswered\) but \d+ rows were written/,
  );
  expect(output).toMatch(/db-server .* CHECK FAILED/);
});

it('fails with the way out when a target needs a service the project does not start', async () => {
  const { exitCode, output } = await runFixtureVitest(['suites/services.load.ts'], { E2E_BASELINE_DIR: baselineDir() });
  expect(exitCode, output).toBe(1);
  expect(output).toContain(
    `Target "db-server" uses the service "postgres", but the project does not start it: add it to the plugin's options`,
  );
});

it('leaves no database, cache, sidecar or target behind when the run is interrupted', async () => {
  const run = markedRun();
  const { child, done } = startFixtureVitest(['suites/services.load.ts'], {
    E2E_BASELINE_DIR: baselineDir(),
    E2E_SERVICES: '1',
    E2E_LONG: '1',
    ...run.env,
  });
  // Vitest, its worker, PostgreSQL (several processes), Redis, the sidecar, the target and guards.
  await run.waitForAtLeast(8, 30);
  await delay(1500);
  child.kill('SIGINT');
  const { output } = await done;
  expect(await run.leftoversAfter(15), output).toEqual([]);
});
