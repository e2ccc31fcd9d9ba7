import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { processesWithEnv } from './processes-with-marker.ts';
import { runFixtureVitest, startFixtureVitest } from './run-vitest.ts';

const MARKER = 'VITEST_LOAD_E2E_MARKER';
let baselineDir: string;
beforeAll(async () => {
  baselineDir = await mkdtemp(join(tmpdir(), 'vitest-load-e2e-'));
});
afterAll(async () => {
  await rm(baselineDir, { recursive: true, force: true });
});

async function waitForNone(marker: string, seconds: number): Promise<number[]> {
  const deadline = Date.now() + seconds * 1000;
  let left = await processesWithEnv(MARKER, marker);
  while (left.length > 0 && Date.now() < deadline) {
    await delay(100);
    left = await processesWithEnv(MARKER, marker);
  }
  for (const pid of left) process.kill(pid, 'SIGKILL');
  return left;
}

it('starts PostgreSQL, Redis and a sidecar for a target, runs the check after the load, and stops them all', async () => {
  const marker = randomUUID();
  const { exitCode, output } = await runFixtureVitest(['suites/services.load.ts'], { E2E_BASELINE_DIR: baselineDir, E2E_SERVICES: '1', [MARKER]: marker });
  expect(exitCode, output).toBe(0);
  expect(output).toMatch(/vitest-load: PostgreSQL 1\d\.\d+ \(started by vitest-load\) at postgres:\/\/postgres@127\.0\.0\.1:\d+\/lab; .*fsync=off/);
  expect(output).toMatch(/vitest-load: Redis \d+\.\d+\.\d+ \(started by vitest-load\)/);
  expect(output).toMatch(/check passed: \d+ rows for \d+ created responses and \d+ cut off/);
  expect(await waitForNone(marker, 10)).toEqual([]);
});

it('fails the test when the check after the load finds rows missing, and says what it found', async () => {
  const { exitCode, output } = await runFixtureVitest(['suites/services.load.ts'], { E2E_BASELINE_DIR: baselineDir, E2E_SERVICES: '1', E2E_PRETEND_LOST: '100' });
  expect(exitCode, output).toBe(1);
  expect(output).toMatch(/rows lost: \d+ requests answered 201 \(and \d+ were cut off unanswered\) but \d+ rows were written/);
});

it('fails with the way out when a target needs a service the project does not start', async () => {
  const { exitCode, output } = await runFixtureVitest(['suites/services.load.ts'], { E2E_BASELINE_DIR: baselineDir });
  expect(exitCode, output).toBe(1);
  expect(output).toContain(`Target "db-server" uses the service "postgres", but the project does not start it: add it to the plugin's options`);
});

it('leaves no database, cache, sidecar or target behind when the run is interrupted', async () => {
  const marker = randomUUID();
  const { child, done } = startFixtureVitest(['suites/services.load.ts'], { E2E_BASELINE_DIR: baselineDir, E2E_SERVICES: '1', E2E_LONG: '1', [MARKER]: marker });
  const deadline = Date.now() + 30_000;
  // Vitest, its worker, PostgreSQL (several processes), Redis, the sidecar, the target and guards.
  while ((await processesWithEnv(MARKER, marker)).length < 8 && Date.now() < deadline) await delay(100);
  await delay(1500);
  child.kill('SIGINT');
  const run = await done;
  expect(await waitForNone(marker, 15), run.output).toEqual([]);
});
