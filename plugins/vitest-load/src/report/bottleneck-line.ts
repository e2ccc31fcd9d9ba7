import { formatMs, formatShare } from '../format/format.ts';
import { bottleneckOf } from '../measure/bottleneck.ts';
import type { LoadDetails } from '../measure/load-details.ts';
import type { LoadResult } from '../measure/load-result.ts';

const perRequest = (ms: number): string => `${formatMs(ms).replace(' ms', '')} ms/request`;

/**
 * "where the time goes: database 63% (2.100 ms/request), target CPU 27% (0.900 ms/request),
 * waiting 10% of the 3.333 ms mean latency" (docs/bottleneck.md), or undefined where neither the
 * database nor the target's CPU was counted.
 */
export function bottleneckLine(result: Pick<LoadResult, 'latencyMs' | 'cost' | 'cpuShares'>): string | undefined {
  const bottleneck = bottleneckOf(result);
  if (!bottleneck) return undefined;
  const { shares, databaseMs, cpuMs, latencyMs } = bottleneck;
  const parts = [
    ...(databaseMs === undefined ? [] : [`database ${formatShare(shares.database!)} (${perRequest(databaseMs)})`]),
    ...(cpuMs === undefined ? [] : [`target CPU ${formatShare(shares.cpu!)} (${perRequest(cpuMs)})`]),
  ];
  if (bottleneck.overlapping) {
    return `where the time goes: ${parts.join(', ')}, of their sum: together more than the ${formatMs(latencyMs)} mean latency (work on several cores at once, or off the request's path)`;
  }
  const queued = bottleneck.cpuSaturated
    ? ` (mostly queued for the target's CPU, ${formatShare(result.cpuShares!.target!)} busy)`
    : '';
  return `where the time goes: ${[...parts, `waiting ${formatShare(shares.waiting)}${queued}`].join(', ')} of the ${formatMs(latencyMs)} mean latency`;
}

/** "plan of SELECT … : sequential scan over users (about 50,000 rows): …", one per flag of the costliest statements' plans. */
export function planFlagLines(details: Pick<LoadDetails, 'queries'> | undefined, queryChars = 60): string[] {
  return (details?.queries?.plans ?? []).flatMap((plan) =>
    plan.flags.map(
      (flag) =>
        `plan of ${plan.query.length > queryChars ? `${plan.query.slice(0, queryChars)}…` : plan.query}: ${flag.message}`,
    ),
  );
}
