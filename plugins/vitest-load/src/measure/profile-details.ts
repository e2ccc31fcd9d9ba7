import type { ProfileSummary } from './cpu-profile.ts';
import type { FlameNode } from './cpu-profile.ts';
import type { FrameGrowth } from './profile-difference.ts';

/** What the profiler cost: the profiled round's throughput against the judged rounds' median. */
export interface ProfilerOverhead {
  profiledRequestsPerSecond: number;
  judgedMedianRequestsPerSecond: number;
  /** 1 − profiled / judged median: 0.05 when the profiled round served 5% fewer requests per second. */
  slowdown: number;
}

/** The CPU profile of a result, from its extra, unjudged profiled round (docs/profiles.md). */
export interface ProfileDetails {
  /** Why there is none: the target's command has no profiler yet, or the profiled round failed. */
  unavailable?: string;
  head?: ProfileSummary;
  overhead?: ProfilerOverhead;
  /** In an A/B run whose result regressed: the base's profile, and which frames grew from base to head. */
  base?: ProfileSummary;
  grew?: FrameGrowth[];
  differential?: FlameNode;
}

/** The profiler's cost as the run measured it: one profiled round against the judged rounds it followed. */
export function profilerOverhead(profiledRequestsPerSecond: number, judged: number[]): ProfilerOverhead | undefined {
  if (judged.length === 0) return undefined;
  const sorted = [...judged].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  if (median <= 0) return undefined;
  return {
    profiledRequestsPerSecond,
    judgedMedianRequestsPerSecond: median,
    slowdown: 1 - profiledRequestsPerSecond / median,
  };
}
