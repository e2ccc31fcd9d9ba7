import type { BaselineEntry } from '../baseline/schema.ts';
import { formatCount, formatMs, formatPercent } from '../format/format.ts';
import type { LoadResult } from '../measure/load-result.ts';

export interface MergedLoad {
  /** "scenario × target", as verdicts name a result. */
  label: string;
  /** The attackers' results merged into one load. */
  result: LoadResult;
  files: number;
  /** The baseline entry the suite recorded, and the file it is in. */
  baseline: BaselineEntry;
  baselineFile: string;
  /** The suite's gate: the largest p95 rise and error rate that pass. */
  maxP95Increase: number;
  maxErrorRate: number;
}

export interface MergedLoadVerdict {
  failed: boolean;
  lines: string[];
}

/**
 * A merged load judged against the suite's baseline: p95 against the baseline's p95 with the
 * suite's threshold, and the error rate against its limit. One load of N attackers is one round:
 * there is no interval, and the message says so, as the suite's own verdict does with one round.
 */
export function judgeMergedLoad(load: MergedLoad): MergedLoadVerdict {
  const { result, baseline } = load;
  const latency = result.latencyMs;
  const lines = [
    `${load.label}: ${load.files} results files merged: ${formatCount(result.requests)} responses, ${formatCount(result.requestsPerSecond)} req/s, p50 ${formatMs(latency.p50)} · p95 ${formatMs(latency.p95)} · p99 ${formatMs(latency.p99)}, errors ${formatCount(result.errors)} (${formatPercent(result.errorRate).replace('+', '')}), timeouts ${formatCount(result.timeouts)}`,
  ];
  let failed = false;
  if (result.requests === 0) {
    lines.push(`${load.label}: the results files hold no response: nothing to judge`);
    return { failed: true, lines };
  }
  if (result.errorRate > load.maxErrorRate) {
    failed = true;
    lines.push(
      `${load.label}: error rate ${formatPercent(result.errorRate).replace('+', '')} is above the gate's ${formatPercent(load.maxErrorRate).replace('+', '')}`,
    );
  }
  const change = latency.p95 / baseline.latencyMs.p95 - 1;
  const figures = `now ${formatMs(latency.p95)}, baseline ${formatMs(baseline.latencyMs.p95)} in ${load.baselineFile}; threshold ${formatPercent(load.maxP95Increase)}`;
  if (change > load.maxP95Increase) {
    failed = true;
    lines.push(`${load.label}: p95 regressed ${formatPercent(change)} (one merged load: no interval): ${figures}`);
  } else lines.push(`${load.label}: p95 ${formatPercent(change)} (one merged load: no interval): ${figures}: pass`);
  return { failed, lines };
}
