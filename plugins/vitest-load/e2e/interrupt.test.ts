import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { setTimeout as delay } from 'node:timers/promises';
import { expect, it } from 'vitest';
import { processesWithEnv } from './processes-with-marker.ts';
import { startFixtureVitest } from './run-vitest.ts';

const MARKER = 'VITEST_LOAD_E2E_MARKER';

async function waitFor(condition: () => Promise<boolean>, seconds: number): Promise<boolean> {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    if (await condition()) return true;
    await delay(100);
  }
  return false;
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  it(`leaves no process behind when a perf run gets ${signal} during a load`, async () => {
    const marker = randomUUID();
    const { child, done } = startFixtureVitest(['suites/long.load.ts'], { [MARKER]: marker });
    // Every process of the run inherits the marker: Vitest, its workers, the target, the guard.
    const targetRunning = await waitFor(async () => (await processesWithEnv(MARKER, marker)).length >= 3, 30);
    expect(targetRunning).toBe(true);
    await delay(1500); // well into the load

    child.kill(signal);
    const run = await done;
    const gone = await waitFor(async () => (await processesWithEnv(MARKER, marker)).length === 0, 15);

    const leftovers = await processesWithEnv(MARKER, marker);
    for (const pid of leftovers) process.kill(pid, 'SIGKILL');
    expect(leftovers, run.output).toEqual([]);
    expect(gone).toBe(true);
  });
}

it('leaves no target behind when the test worker itself is killed with SIGKILL', async () => {
  const marker = randomUUID();
  const { done } = startFixtureVitest(['suites/long.load.ts'], { [MARKER]: marker });
  expect(await waitFor(async () => (await processesWithEnv(MARKER, marker)).length >= 3, 30)).toBe(true);
  await delay(1500);

  // No handler runs on SIGKILL: only the orphan guard can stop the target now.
  const workers = await processesWithCommandLine(marker, 'workers/forks.js');
  expect(workers.length).toBe(1);
  process.kill(workers[0]!, 'SIGKILL');
  const run = await done;
  const gone = await waitFor(async () => (await processesWithEnv(MARKER, marker)).length === 0, 15);

  const leftovers = await processesWithEnv(MARKER, marker);
  for (const pid of leftovers) process.kill(pid, 'SIGKILL');
  expect(leftovers, run.output).toEqual([]);
  expect(gone).toBe(true);
});

async function processesWithCommandLine(marker: string, fragment: string): Promise<number[]> {
  const pids = await processesWithEnv(MARKER, marker);
  const matching: number[] = [];
  for (const pid of pids) {
    const commandLine = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
    if (commandLine.includes(fragment)) matching.push(pid);
  }
  return matching;
}
