import { readFileSync } from 'node:fs';
import type { ResourceUsage } from '../measure/load-details.ts';

/** Clock ticks per second of /proc's CPU times: 100 on every Linux that Node supports. */
const CLOCK_TICKS = 100;
const PAGE_BYTES = 4096;

interface Reading {
  at: number;
  cpuTicks: number;
  rssMb: number;
}

/**
 * Synchronous on purpose: the load generator keeps the event loop busy, and an asynchronous read
 * would be timed when its callback runs, not when the kernel counted the ticks, which made a
 * process pinned to one core look like 215% busy. Two small /proc reads take microseconds.
 */
function read(pid: number): Reading {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const statm = readFileSync(`/proc/${pid}/statm`, 'utf8');
  // Fields after the command name, which may itself hold spaces and parentheses.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const cpuTicks = Number(fields[11]) + Number(fields[12]); // utime + stime
  const rssMb = (Number(statm.split(' ')[1]) * PAGE_BYTES) / (1024 * 1024);
  return { at: performance.now(), cpuTicks, rssMb };
}

/**
 * Every 500 ms; every 250 ms for a load under a minute whose memory is judged for leaks, so that
 * a short load still has a few samples in each window whose floor is fitted.
 */
export function samplingIntervalMs(durationSeconds: number, judgesMemory: boolean): number {
  return judgesMemory && durationSeconds < 60 ? 250 : 500;
}

/**
 * Samples a target's CPU and resident memory from /proc while it is loaded. Linux only: where
 * /proc cannot be read, `stop()` resolves to undefined and the report goes without.
 */
export function sampleResources(pid: number, everyMs = 500): { stop: () => Promise<ResourceUsage | undefined> } {
  const samples: ResourceUsage['samples'] = [];
  let failed = false;
  let previous: Reading | undefined;
  let started: number | undefined;
  const take = (): void => {
    try {
      const now = read(pid);
      started ??= now.at;
      // CPU time comes in 10 ms ticks: over a gap much shorter than the interval (a late timer
      // followed at once by the next, or the final read) one tick more or less is a wild
      // percentage, so such a gap is folded into the next sample.
      if (previous && now.at - previous.at < everyMs / 2) return;
      if (previous) {
        const seconds = (now.at - previous.at) / 1000;
        samples.push({
          second: Math.round((now.at - started) / 100) / 10,
          cpuPercent: ((now.cpuTicks - previous.cpuTicks) / CLOCK_TICKS / seconds) * 100,
          rssMb: now.rssMb,
        });
      }
      previous = now;
    } catch {
      failed = true;
    }
  };
  take();
  const timer = setInterval(take, everyMs);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      take();
      if (failed || samples.length === 0) return undefined;
      return {
        samples,
        cpuPercentMean: samples.reduce((sum, sample) => sum + sample.cpuPercent, 0) / samples.length,
        rssMbMax: Math.max(...samples.map((sample) => sample.rssMb)),
      };
    },
  };
}
