import type { BaselineEntry } from '../baseline/schema.ts';
import type { LoadResult } from '../measure/load-result.ts';
import type { Gate } from './gate.ts';
import { decideChange, type ChangeOutcome, type ChangeRule } from './change-decision.ts';
import { independentChangeInterval, pairedChangeInterval, type ChangeInterval } from './change-interval.ts';
import { detectableChange } from './detectable-change.ts';

/** What a result is judged against: a stored baseline, or the base revision measured beside it in this job. */
export type Comparison =
  | { against: 'baseline'; entry: BaselineEntry; file: string }
  | { against: 'base'; revision: string; result: LoadResult };

/** The change of p95 against the comparison, with its interval and what the rule makes of it. */
export interface P95Change {
  against: Comparison['against'];
  /** The baseline file, or the base revision. */
  reference: string;
  /** p95 over all rounds pooled, both sides. */
  baseP95: number;
  headP95: number;
  /** Absent with a single round on each side. */
  interval?: ChangeInterval;
  rule: ChangeRule;
  outcome: ChangeOutcome;
  /** The smallest rise these rounds would call regressed 80% of the time (0.061 = +6.1%); absent without an interval. */
  detectable?: number;
}

/** The change of one per-round figure: its interval, the rule's outcome and what these rounds could detect. */
export interface RoundsChange {
  interval?: ChangeInterval;
  outcome: ChangeOutcome;
  detectable?: number;
}

/**
 * Judges per-round values of a figure, head against base: paired round by round when both were
 * measured side by side in this job, set against set against a stored baseline.
 */
export function judgeRounds(
  base: number[],
  head: number[],
  paired: boolean,
  rule: ChangeRule,
  confidence: number,
): RoundsChange {
  const interval = paired
    ? pairedChangeInterval(base, head, confidence)
    : independentChangeInterval(base, head, confidence);
  return {
    ...(interval ? { interval, detectable: detectableChange(interval, rule.noiseFloor) } : {}),
    outcome: decideChange(interval, rule),
  };
}

const roundP95s = (result: Pick<LoadResult, 'rounds' | 'latencyMs'>): number[] =>
  result.rounds?.map((round) => round.p95) ?? [result.latencyMs.p95];

/**
 * Judges head's p95 against the comparison. Rounds measured side by side in this job are
 * paired, so drift between pairs cancels; a stored baseline is compared round set against
 * round set, with the larger noise floor that drift between runs calls for.
 */
export function compareP95(comparison: Comparison, head: LoadResult, gate: Gate): P95Change {
  const base = comparison.against === 'baseline' ? comparison.entry : comparison.result;
  const rule: ChangeRule = {
    threshold: gate.maxP95Increase,
    noiseFloor: comparison.against === 'base' ? gate.noiseFloor : gate.baselineNoiseFloor,
  };
  const judged = judgeRounds(roundP95s(base), roundP95s(head), comparison.against === 'base', rule, gate.confidence);
  return {
    against: comparison.against,
    reference: comparison.against === 'baseline' ? comparison.file : comparison.revision,
    baseP95: base.latencyMs.p95,
    headP95: head.latencyMs.p95,
    ...judged,
    rule,
  };
}
