import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { TargetDefinition } from './target-definition.ts';

/**
 * How a target's CPU is profiled: for a Node target, V8's own profiler through `--cpu-prof
 * --cpu-prof-dir=<dir>` put before its arguments (Node 20 refuses these flags in NODE_OPTIONS),
 * which writes a `.cpuprofile` when the process exits cleanly. Chosen over the inspector
 * protocol (Profiler.start/stop around the measured load, which would leave the start-up and
 * warm-up out) because it needs no port and no CDP client, and passes through the taskset
 * wrapper of CPU pinning; the cost is that the profile also holds the start-up and the warm-up,
 * a small share beside a loaded measured round. It needs a target that exits on SIGTERM with
 * `process.exit()` or by returning (the lab's servers do); one killed by the signal writes nothing.
 */
export type CpuProfiler = { kind: 'v8' } | { kind: 'unavailable'; reason: string };

/** Which profiler fits a target: V8's when its command is `node`; none yet for any other. */
export function cpuProfilerFor(target: Pick<TargetDefinition, 'command'>): CpuProfiler {
  const command = basename(target.command);
  if (command === 'node' || target.command === process.execPath) return { kind: 'v8' };
  // py-spy (Python), pprof (Go) and JFR (the JVM) are the follow-ups docs/profiles.md names.
  return { kind: 'unavailable', reason: `profile: not available for ${command} yet` };
}

/** The Node target with V8's profiler on, writing its profile into `dir` when it exits. */
export function withCpuProfiler(target: TargetDefinition, dir: string): TargetDefinition {
  return { ...target, args: ['--cpu-prof', `--cpu-prof-dir=${dir}`, ...target.args] };
}

/**
 * The profile the target wrote into `dir`. A child process of the target's writes one too
 * (the flags pass on to forks): the target's is the one with the most samples, as it was the one under load.
 */
export async function readCpuProfile(dir: string, targetName: string): Promise<unknown> {
  const files = (await readdir(dir).catch(() => [])).filter((file) => file.endsWith('.cpuprofile'));
  if (files.length === 0)
    throw new Error(
      `Target "${targetName}" wrote no CPU profile into ${dir}: --cpu-prof writes one only when the process exits cleanly, so the target must exit (code 0) on SIGTERM rather than be killed by it.`,
    );
  const profiles = await Promise.all(
    files.map(async (file) => JSON.parse(await readFile(join(dir, file), 'utf8')) as { samples?: unknown[] }),
  );
  return profiles.reduce((busiest, each) =>
    (each.samples?.length ?? 0) > (busiest.samples?.length ?? 0) ? each : busiest,
  );
}
