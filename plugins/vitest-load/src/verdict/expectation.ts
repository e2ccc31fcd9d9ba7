import { describeCpuShares } from '../measure/generator-bound.ts';
import type { CpuShares, RoundFigures } from '../measure/load-result.ts';
import type { Expectation } from './gate.ts';
import { pairedChangeInterval } from './change-interval.ts';

export type ExpectationOutcome = 'held' | 'contradicted' | 'inconclusive';

export interface ExpectationVerdict {
  expectation: Expectation;
  outcome: ExpectationOutcome;
  /**
   * Set when the claim was not judged at all, and why: more rounds would not decide it.
   * `generator-bound`: a side's figures measure the load generator, not its target.
   */
  refused?: 'generator-bound';
  /** How many times faster `faster` was than `than`, with its interval; absent with one round or when refused. */
  times?: { estimate: number; low: number; high: number; confidence: number; rounds: number };
  message: string;
}

const formatTimes = (value: number): string => `${value.toFixed(value < 10 ? 2 : 1)}×`;

/** "cursor at least 1.50× faster than offset in p95": what a claim says. */
export const claimText = ({ faster, than, by, figure }: Expectation): string =>
  `${faster} at least ${formatTimes(by)} faster than ${than} in ${figure}`;

/** The message of a claim not judged because of the sides named (each with its CPU figures). */
export const generatorBoundRefusal = (expectation: Expectation, bound: string[]): string =>
  `expectation "${claimText(expectation)}" is not judged: ${bound.join(' and ')} ${bound.length === 1 ? 'is' : 'are'} generator-bound, so the figures measure the load generator, not the target (docs/verdicts.md#generator-bound)`;

/** Each side's CPU shares over its rounds so far, where they were counted. */
export interface SidesCpuShares {
  faster?: CpuShares | undefined;
  than?: CpuShares | undefined;
}

/**
 * Judges "`faster` is at least `by` times faster than `than`" from rounds in which both variants
 * ran on the same target, one after the other: the per-round ratios give a paired interval.
 * Held when the whole interval is at least `by`; contradicted when the whole interval is below
 * it; inconclusive otherwise (more rounds may tell). Not judged at all, and inconclusive, when
 * either side is generator-bound: its figure is the generator's ceiling, and a ratio with it in
 * would hold or fail on a number the target never set.
 */
export function judgeExpectation(
  expectation: Expectation,
  fasterRounds: RoundFigures[],
  thanRounds: RoundFigures[],
  confidence: number,
  shares: SidesCpuShares = {},
): ExpectationVerdict {
  const { figure, faster, than, by } = expectation;
  const claim = claimText(expectation);
  const bound = [
    { name: faster, of: shares.faster },
    { name: than, of: shares.than },
  ].flatMap((side) => (side.of?.generatorBound ? [`${side.name} (${describeCpuShares(side.of)})`] : []));
  if (bound.length > 0)
    return {
      expectation,
      outcome: 'inconclusive',
      refused: 'generator-bound',
      message: generatorBoundRefusal(expectation, bound),
    };
  const interval = pairedChangeInterval(
    fasterRounds.map((round) => round[figure]),
    thanRounds.map((round) => round[figure]),
    confidence,
  );
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
