import { randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { setTimeout as delay } from 'node:timers/promises';

/** The variable every process of a fixture run inherits, so that the test can find them all. */
export const MARKER = 'VITEST_LOAD_E2E_MARKER';

/** PIDs of live processes whose environment holds `NAME=value` (Linux /proc). */
export async function processesWithEnv(name: string, value: string): Promise<number[]> {
  const needle = `${name}=${value}`;
  const pids: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const environ = await readFile(`/proc/${entry}/environ`, 'utf8');
      const state = await readFile(`/proc/${entry}/stat`, 'utf8');
      // A zombie has exited already; only its parent's bookkeeping is left.
      if (environ.split('\0').includes(needle) && !/\) Z /.test(state)) pids.push(Number(entry));
    } catch {
      // Gone while we looked.
    }
  }
  return pids;
}

/** A marker for one run, and ways to wait on the processes that carry it. */
export function markedRun(): {
  env: Record<string, string>;
  processes: () => Promise<number[]>;
  waitForAtLeast: (count: number, seconds: number) => Promise<boolean>;
  /** Waits until none is left; kills and returns those still there after `seconds`. */
  leftoversAfter: (seconds: number) => Promise<number[]>;
} {
  const marker = randomUUID();
  const processes = (): Promise<number[]> => processesWithEnv(MARKER, marker);
  const waitUntil = async (condition: (pids: number[]) => boolean, seconds: number): Promise<boolean> => {
    const deadline = Date.now() + seconds * 1000;
    while (Date.now() < deadline) {
      if (condition(await processes())) return true;
      await delay(100);
    }
    return condition(await processes());
  };
  return {
    env: { [MARKER]: marker },
    processes,
    waitForAtLeast: (count, seconds) => waitUntil((pids) => pids.length >= count, seconds),
    leftoversAfter: async (seconds) => {
      await waitUntil((pids) => pids.length === 0, seconds);
      const left = await processes();
      for (const pid of left) process.kill(pid, 'SIGKILL');
      return left;
    },
  };
}
