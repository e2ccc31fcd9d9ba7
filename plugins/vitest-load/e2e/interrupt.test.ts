import { readFile } from 'node:fs/promises';
import { setTimeout as delay } from 'node:timers/promises';
import { expect, it } from 'vitest';
import { markedRun } from './processes-with-marker.ts';
import { startFixtureVitest } from './run-vitest.ts';

/** Starts a long load, lets it run, interrupts it with `interrupt`, and returns what is left. */
async function interruptDuringLoad(
  interrupt: (vitest: ReturnType<typeof startFixtureVitest>, run: ReturnType<typeof markedRun>) => Promise<void>,
) {
  const run = markedRun();
  const vitest = startFixtureVitest(['suites/long.load.ts'], run.env);
  // Every process of the run inherits the marker: Vitest, its worker, the target, the guard.
  expect(await run.waitForAtLeast(3, 30)).toBe(true);
  await delay(1500); // well into the load
  await interrupt(vitest, run);
  const { output } = await vitest.done;
  return { leftovers: await run.leftoversAfter(15), output };
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  it(`leaves no process behind when a perf run gets ${signal} during a load`, async () => {
    const { leftovers, output } = await interruptDuringLoad(async ({ child }) => {
      child.kill(signal);
    });
    expect(leftovers, output).toEqual([]);
  });
}

it('leaves no target behind when the test worker itself is killed with SIGKILL', async () => {
  const { leftovers, output } = await interruptDuringLoad(async (_vitest, run) => {
    // No handler runs on SIGKILL: only the orphan guard can stop the target now.
    const workers = await withCommandLine(await run.processes(), 'workers/forks.js');
    expect(workers.length).toBe(1);
    process.kill(workers[0]!, 'SIGKILL');
  });
  expect(leftovers, output).toEqual([]);
});

async function withCommandLine(pids: number[], fragment: string): Promise<number[]> {
  const matching: number[] = [];
  for (const pid of pids) {
    const commandLine = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
    if (commandLine.includes(fragment)) matching.push(pid);
  }
  return matching;
}
