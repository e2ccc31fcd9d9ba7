import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { TargetDefinition } from './target-definition.ts';

/**
 * How a target's CPU is profiled: for a Node target, V8's own profiler through
 * `--cpu-prof --cpu-prof-dir=<dir>` in NODE_OPTIONS, which writes a `.cpuprofile` when the
 * process exits cleanly. Chosen over the inspector protocol (Profiler.start/stop around the
 * measured load, which would leave the start-up and warm-up out) because it needs no port, no
 * CDP client and works through wrappers (taskset for pinning, a shell script) that pass the
 * environment on; the cost is that the profile also holds the start-up and the warm-up, a small
 * share beside a loaded measured round. It needs a target that exits on SIGTERM with
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

/** The target with V8's profiler on, writing its profile into `dir` when it exits. */
export function withCpuProfiler(target: TargetDefinition, dir: string): TargetDefinition {
  const given = target.env.NODE_OPTIONS ?? process.env.NODE_OPTIONS ?? '';
  // A directory with spaces would split NODE_OPTIONS' words: quoted as Node reads it.
  const flags = `--cpu-prof --cpu-prof-dir=${JSON.stringify(dir)}`;
  return { ...target, env: { ...target.env, NODE_OPTIONS: `${given} ${flags}`.trim() } };
}

/**
 * The profile the target wrote into `dir`. A wrapper that is itself Node (a launcher script)
 * writes one too: the target's is the one with the most samples, as it was the one under load.
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
