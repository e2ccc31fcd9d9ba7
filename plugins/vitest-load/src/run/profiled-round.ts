import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { summarizeCpuProfile, type ProfileSummary, type V8CpuProfile } from '../measure/cpu-profile.ts';
import { Measurement } from '../measure/measurement.ts';
import { profilerOverhead, type ProfileDetails } from '../measure/profile-details.ts';
import { differentialFlame, framesThatGrew } from '../measure/profile-difference.ts';
import { cpuProfilerFor, readCpuProfile, withCpuProfiler } from '../targets/cpu-profiler.ts';
import { measureRound, type RoundContext } from './measure-round.ts';
import type { Series } from './series.ts';

/** What profiling a concluded series needs: whether it was asked for, and how a round on a side is run. */
export interface ProfileRequest {
  /** `profile: true` on the suite or VITEST_LOAD_PROFILE=1 for the run. */
  asked: boolean;
  /** The base measured beside the series in an A/B run. */
  base?: Series;
  /** Whether the series' verdict against the base is a regression: then both are profiled, even unasked. */
  regressed: boolean;
  roundContext: (series: Series, suffix: string) => RoundContext;
}

/**
 * The CPU profile of a series from one extra round after its judged ones, so that the
 * profiler's cost never reaches the verdict: asked for, or for a regressed A/B result (base and
 * head both, with the frames that grew). A profile that cannot be taken is said, not failed on.
 */
export async function profileSeries(series: Series, request: ProfileRequest): Promise<ProfileDetails | undefined> {
  const base = request.base && request.regressed ? request.base : undefined;
  if (!request.asked && !base) return undefined;
  if (series.runtime === 'container') return { unavailable: 'profile: not available on the container runtime yet' };
  const profiler = cpuProfilerFor(series.target);
  if (profiler.kind === 'unavailable') return { unavailable: profiler.reason };
  try {
    const head = await profiledRound(series, request.roundContext(series, ' (profiled, not judged)'));
    const overhead = profilerOverhead(
      head.requestsPerSecond,
      series.results.map((result) => result.requestsPerSecond),
    );
    const details: ProfileDetails = { head: head.summary, ...(overhead ? { overhead } : {}) };
    if (!base) return details;
    const baseRound = await profiledRound(base, request.roundContext(base, ' (base, profiled, not judged)'));
    return {
      ...details,
      base: baseRound.summary,
      grew: framesThatGrew(baseRound.summary.topSelf, head.summary.topSelf),
      differential: differentialFlame(baseRound.summary.flame, head.summary.flame),
    };
  } catch (error) {
    return {
      unavailable: `profile: the profiled round failed: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}

/** One round as the judged ones run it, on a target started with its profiler on; its own measurement, pooled nowhere. */
async function profiledRound(
  side: Series,
  context: RoundContext,
): Promise<{ summary: ProfileSummary; requestsPerSecond: number }> {
  const dir = await mkdtemp(join(tmpdir(), 'vitest-load-profile-'));
  const pooled = new Measurement(side.requests);
  try {
    const [outcome] = await measureRound(
      {
        target: withCpuProfiler(side.target, dir),
        root: side.root,
        ...(side.runtime ? { runtime: side.runtime } : {}),
      },
      [{ requests: side.requests, pooled, ...(side.cold ? { cold: true } : {}) }],
      context,
    );
    if (!outcome) throw new Error('the profiled round measured nothing');
    // The target stopped at the round's end: its profile is written.
    const profile = (await readCpuProfile(dir, side.target.name)) as V8CpuProfile;
    // Enough frames that one that grew from outside the base's top is still compared with its real share.
    return {
      summary: summarizeCpuProfile(profile, { top: 50, root: resolve(side.root, side.target.cwd ?? '.') }),
      requestsPerSecond: outcome.result.requestsPerSecond,
    };
  } finally {
    pooled.destroy();
    await rm(dir, { recursive: true, force: true });
  }
}
