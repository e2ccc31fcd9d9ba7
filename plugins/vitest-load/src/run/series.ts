import type { BaselineEntry } from '../baseline/schema.ts';
import { addOutcomes } from '../load/run-load.ts';
import type { ResourceUsage } from '../measure/load-details.ts';
import type { PhaseTally } from '../measure/load-phases.ts';
import { pooledCpuShares } from '../measure/generator-bound.ts';
import { gatedErrorRate, type LoadResult } from '../measure/load-result.ts';
import type { LoadOutcome } from '../measure/measurement.ts';
import { summarizePhases } from '../measure/phase-results.ts';
import { requestCost, type CostTally } from '../measure/request-cost.ts';
import { roundFigures } from './load-record.ts';
import type { RoundLoad, RoundOutcome, RoundSide } from './measure-round.ts';
import { changingStages } from './round-phases.ts';
import type { SuiteLoadOptions } from './suite-options.ts';
import type { TargetServices } from './target-services.ts';

/**
 * One thing measured round after round and concluded into one result: the code under test, the
 * base revision it is judged against, or one variant of a comparison.
 */
export interface Series extends RoundSide, RoundLoad {
  /** Its name in results and baselines: the scenario, or "scenario › variant". */
  name: string;
  /** The target's name in results and baselines: `express`, or `express (container)`. */
  targetName: string;
  /** What claims call it: the variant's name, or the target's in a comparison of targets. */
  claimName?: string;
  /** The services its target uses. */
  services: TargetServices;
  /** The stored baseline it is judged against, when there is one and no base is measured. */
  baseline?: BaselineEntry;
  outcomes: LoadOutcome[];
  results: LoadResult[];
  /** Each round's memory samples, for the leak check. */
  memory: Array<ResourceUsage['samples'] | undefined>;
  /** Each round's stages and faults, when the load had them. */
  phases: PhaseTally[];
  /** Each round's CPU time and statements. */
  costs: CostTally[];
  last?: RoundOutcome;
}

export function newSeries(fields: Omit<Series, 'outcomes' | 'results' | 'memory' | 'phases' | 'costs'>): Series {
  return { ...fields, outcomes: [], results: [], memory: [], phases: [], costs: [] };
}

/**
 * Keeps a round's outcome in its series. True when the round decides the verdict alone: wrong
 * data or failing requests; more rounds would not change it.
 */
export function keepRound(series: Series, outcome: RoundOutcome, maxErrorRate: number): boolean {
  series.outcomes.push(outcome.outcome);
  series.results.push(outcome.result);
  series.memory.push(outcome.details.resources?.samples);
  series.costs.push(outcome.cost);
  if (outcome.phases) series.phases.push(outcome.phases);
  series.last = outcome;
  return outcome.checkFailure !== undefined || gatedErrorRate(outcome.result) > maxErrorRate;
}

/** The series' rounds so far, for the stopping rule: the last result stands in for the pooled one it does not look at. */
export function roundsSoFar(series: Series): LoadResult | undefined {
  const last = series.results[series.results.length - 1];
  return last && { ...last, rounds: series.results.map(roundFigures) };
}

/** The generator's and the target's CPU shares over the series' rounds so far, judged as one. */
export const cpuSharesSoFar = (series: Pick<Series, 'results'>) =>
  pooledCpuShares(series.results.map((result) => result.cpuShares));

/** Everything the series measured, pooled over its rounds, with each round's figures and, for stages and faults, per phase. */
export function pooledResult(series: Series, options: Pick<SuiteLoadOptions, 'stages' | 'faults'>): LoadResult {
  const outcome = addOutcomes(series.outcomes);
  const cost = requestCost(series.costs);
  const cpuShares = cpuSharesSoFar(series);
  const result: LoadResult = {
    ...series.pooled.summarize(outcome),
    rounds: series.results.map(roundFigures),
    ...(cost ? { cost } : {}),
    ...(cpuShares ? { cpuShares } : {}),
  };
  if (series.phases.length === 0) return result;
  const attempts = result.requests + outcome.transportErrors;
  return {
    ...result,
    ...summarizePhases(series.phases, changingStages(options), options.faults ?? [], {
      errors: result.errors,
      attempts,
    }),
  };
}
