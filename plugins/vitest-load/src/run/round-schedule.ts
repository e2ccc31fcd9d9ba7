import type { LoadRunSettings } from './settings.ts';
import type { CompareSuiteOptions, LoadSuiteOptions, TargetsComparisonOptions } from './suite-options.ts';
import { canRunAsDuet } from './measure-duet-round.ts';
import type { Series } from './series.ts';

/**
 * What one round measures, step by step: a started process loaded with one or more series in
 * turn, or a duet of base and head side by side. The round loop runs the steps of each round.
 */
export type RoundStep =
  { kind: 'process'; loads: Series[] } | { kind: 'duet'; base: Series; head: Series; sliceSeconds: number };

/** The series a suite measures and the steps of its round number `round` (1, 2, ...). */
export interface RoundSchedule {
  /** Whose results are reported and judged: the head, or every variant. */
  reported: Series[];
  /** The base revision's series in a same-job A/B. */
  base?: Series;
  steps(round: number): RoundStep[];
}

/**
 * A load test: the head alone; with a base revision, a duet of both in each round when the load
 * can be sliced, else whole rounds of each, base first in odd rounds and head first in even
 * ones (ABBA), so that drift through the run weighs on both alike.
 */
export function loadSchedule(
  head: Series,
  base: Series | undefined,
  options: Pick<LoadSuiteOptions, 'gate' | 'stages' | 'faults'>,
): RoundSchedule {
  if (!base) return { reported: [head], steps: () => [{ kind: 'process', loads: [head] }] };
  const duet = options.gate.duet !== false && canRunAsDuet(options) ? options.gate.duet : undefined;
  return {
    reported: [head],
    base,
    steps: (round) => {
      if (duet !== undefined) return [{ kind: 'duet', base, head, sliceSeconds: duet }];
      const [first, second] = round % 2 === 1 ? [base, head] : [head, base];
      return [
        { kind: 'process', loads: [first] },
        { kind: 'process', loads: [second] },
      ];
    },
  };
}

/**
 * A comparison: every round starts the target once and loads each variant in turn, a cold one
 * first on the process just started, the others rotating from round to round so that none
 * always runs first.
 */
export function compareSchedule(variants: Series[]): RoundSchedule {
  const cold = variants.filter((variant) => variant.cold);
  const warm = variants.filter((variant) => !variant.cold);
  return {
    reported: variants,
    steps: (round) => [
      { kind: 'process', loads: [...cold, ...warm.map((_, index) => warm[(index + round - 1) % warm.length]!)] },
    ],
  };
}

/**
 * A comparison of targets: every round starts and loads each target in turn, the first rotating
 * from round to round, so that the targets' per-round ratios pair figures measured minutes, not
 * a run, apart.
 */
export function targetsSchedule(targets: Series[]): RoundSchedule {
  return {
    reported: targets,
    steps: (round) =>
      targets.map((_, index) => ({ kind: 'process', loads: [targets[(index + round - 1) % targets.length]!] })),
  };
}

/** Whether a run judges against stored baselines: not when a base revision is measured beside it. */
export const judgesAgainstBaselines = (settings: Pick<LoadRunSettings, 'base'>): boolean => settings.base === undefined;

export type SuiteOptions = LoadSuiteOptions | CompareSuiteOptions | TargetsComparisonOptions;
export const isComparison = (options: SuiteOptions): options is CompareSuiteOptions => 'variants' in options;
export const isTargetsComparison = (options: SuiteOptions): options is TargetsComparisonOptions =>
  'acrossTargets' in options;
/** The claims a suite makes: between variants or between targets. */
export const claimsOf = (options: SuiteOptions) =>
  isComparison(options) || isTargetsComparison(options) ? options.expect : [];
