import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU time a process and all its descendants have spent so far, in seconds, or undefined where
 * /proc cannot tell (not Linux, a container's process, a process gone).
 *
 * From each thread's /proc/<pid>/task/<tid>/schedstat (nanoseconds on the CPU, counted by the
 * scheduler) rather than /proc/<pid>/stat's utime + stime, which are sampled at the 10 ms
 * scheduler tick: over a 2 s round at half a core that is ±1% per round, the size of the change
 * the cost gate has to see. Descendants count too, so that gunicorn's or Puma's workers are the
 * target's cost, not their master's idle loop. A thread that ended during the load takes its
 * time with it; the runtimes of the lab keep their threads (pools), so this is left as it is.
 */
export function processTreeCpuSeconds(pid: number): number | undefined {
  try {
    let nanoseconds = 0;
    for (const process of descendantsAndSelf(pid)) nanoseconds += processCpuNanoseconds(process);
    return nanoseconds / 1e9;
  } catch {
    return undefined;
  }
}

function processCpuNanoseconds(pid: number): number {
  let total = 0;
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      total += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
    } catch {
      // The thread ended between the listing and the read.
    }
  }
  return total;
}

/** The process and every descendant, from each thread's `children` list (Linux 3.5+). */
function descendantsAndSelf(pid: number): number[] {
  const found = [pid];
  for (let index = 0; index < found.length; index++) {
    const parent = found[index]!;
    let tids: string[];
    try {
      tids = readdirSync(`/proc/${parent}/task`);
    } catch {
      if (parent === pid) throw new Error(`process ${pid} is gone`);
      continue;
    }
    for (const tid of tids) {
      try {
        const children = readFileSync(`/proc/${parent}/task/${tid}/children`, 'utf8').trim();
        if (children) found.push(...children.split(' ').map(Number));
      } catch {
        // The thread or the child ended meanwhile.
      }
    }
  }
  return found;
}
