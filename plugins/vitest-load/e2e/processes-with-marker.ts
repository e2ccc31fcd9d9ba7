import { readdir, readFile } from 'node:fs/promises';

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
