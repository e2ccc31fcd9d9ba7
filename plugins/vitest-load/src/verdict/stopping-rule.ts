import type { LoadResult } from '../measure/load-result.ts';
import type { Gate } from './gate.ts';
import { compareCpu } from './cpu-comparison.ts';
import { compareP95, type Comparison } from './p95-comparison.ts';

/**
 * Whether the rounds so far settle the judged figures (p95, and CPU per request where counted):
 * one regressed settles it; otherwise each must be decided, and, when `gate.detect` asks, able
 * to see a change that small. More rounds buy a narrower interval, so an open figure asks for one.
 */
export function roundsSettle(comparison: Comparison, head: LoadResult, gate: Gate): boolean {
  const judged = [compareP95(comparison, head, gate), compareCpu(comparison, head, gate)].filter(
    (change) => change !== undefined,
  );
  if (judged.some((change) => change.outcome === 'regressed')) return true;
  if (judged.some((change) => change.outcome === 'inconclusive')) return false;
  const detect = gate.detect;
  return (
    detect === undefined || judged.every((change) => change.detectable !== undefined && change.detectable <= detect)
  );
}
