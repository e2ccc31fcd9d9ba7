import type { RoundFigures } from '../measure/load-result.ts';
import type { Expectation } from './gate.ts';
import { pairedChangeInterval } from './change-interval.ts';

export type ExpectationOutcome = 'held' | 'contradicted' | 'inconclusive';

export interface ExpectationVerdict {
  expectation: Expectation;
  outcome: ExpectationOutcome;
  /** How many times faster `faster` was than `than`, with its interval; absent with one round. */
  times?: { estimate: number; low: number; high: number; confidence: number; rounds: number };
  message: string;
}

const formatTimes = (value: number): string => `${value.toFixed(value < 10 ? 2 : 1)}×`;

/**
 * Judges "`faster` is at least `by` times faster than `than`" from rounds in which both variants
 * ran on the same target, one after the other: the per-round ratios give a paired interval.
 * Held when the whole interval is at least `by`; contradicted when the whole interval is below
 * it; inconclusive otherwise (more rounds may tell).
 */
export function judgeExpectation(
  expectation: Expectation,
  fasterRounds: RoundFigures[],
  thanRounds: RoundFigures[],
  confidence: number,
): ExpectationVerdict {
  const { figure, faster, than, by } = expectation;
  const interval = pairedChangeInterval(
    fasterRounds.map((round) => round[figure]),
    thanRounds.map((round) => round[figure]),
    confidence,
  );
  const claim = `${faster} at least ${formatTimes(by)} faster than ${than} in ${figure}`;
  if (!interval) return { expectation, outcome: 'inconclusive', message: `${claim}: one round cannot tell` };
  const times = {
    estimate: 1 + interval.estimate,
    low: 1 + interval.low,
    high: 1 + interval.high,
    confidence,
    rounds: interval.headRounds,
  };
  const outcome: ExpectationOutcome = times.low >= by ? 'held' : times.high < by ? 'contradicted' : 'inconclusive';
  const measured = `${formatTimes(times.estimate)} (${Math.round(confidence * 100)}% CI ${formatTimes(times.low)} … ${formatTimes(times.high)}, ${times.rounds} rounds)`;
  const verb = outcome === 'held' ? 'holds' : outcome === 'contradicted' ? 'is contradicted' : 'is not yet decided';
  return { expectation, outcome, times, message: `expectation "${claim}" ${verb}: measured ${measured}` };
}
