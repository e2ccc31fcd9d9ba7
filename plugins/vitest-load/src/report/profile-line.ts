import type { ProfileDetails } from '../measure/profile-details.ts';

const percent = (share: number) => `${(share * 100).toFixed(1)}%`;

/** The terminal's line about a result's CPU profile: the top frame by self time and what profiling cost, or why there is none. */
export function profileLine(profile: ProfileDetails): string {
  if (profile.unavailable) return profile.unavailable;
  const grew = profile.grew?.[0];
  const top = profile.head?.topSelf[0];
  const what = grew
    ? `grew most from base to head: ${grew.frame} (${percent(grew.baseShare)} → ${percent(grew.headShare)} of self time)`
    : top
      ? `most self time: ${top.frame} (${percent(top.share)})`
      : 'no busy samples';
  const overhead = profile.overhead
    ? `; the profiled round served ${profile.overhead.profiledRequestsPerSecond.toFixed(0)} req/s against the judged rounds' median ${profile.overhead.judgedMedianRequestsPerSecond.toFixed(0)} (profiler overhead ${percent(profile.overhead.slowdown)})`
    : '';
  return `CPU profile (an extra round, not judged): ${what}${overhead}`;
}
