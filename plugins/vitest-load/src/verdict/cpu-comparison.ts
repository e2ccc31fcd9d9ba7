import type { LoadResult, RoundFigures } from '../measure/load-result.ts';
import type { Gate } from './gate.ts';
import type { ChangeRule } from './change-decision.ts';
import { judgeRounds, type Comparison, type RoundsChange } from './p95-comparison.ts';

/** The change of the target's CPU time per request against the comparison, judged like p95's. */
export interface CpuChange extends RoundsChange {
  against: Comparison['against'];
  baseCpuMs: number;
  headCpuMs: number;
  rule: ChangeRule;
}

type WithCpu = Pick<LoadResult, 'rounds' | 'cost'>;

/** Each round's CPU per request, or undefined when any round (or the pooled figure) lacks it. */
function roundCpu(side: WithCpu): number[] | undefined {
  const rounds: Array<Pick<RoundFigures, 'cpuMsPerRequest'>> = side.rounds ?? [
    { ...(side.cost?.cpuMsPerRequest === undefined ? {} : { cpuMsPerRequest: side.cost.cpuMsPerRequest }) },
  ];
  const values = rounds.map((round) => round.cpuMsPerRequest);
  return values.every((value): value is number => value !== undefined && value > 0) ? values : undefined;
}

/**
 * CPU time per request, head against base: what a costlier handler changes even when the
 * machine's noise hides it in p95 (it counts the target's own work, not the time it waited for
 * a core). Undefined when `gate.maxCpuIncrease` is off or either side could not count it
 * (containers on another host, a baseline recorded before it was measured).
 */
export function compareCpu(comparison: Comparison, head: WithCpu, gate: Gate): CpuChange | undefined {
  if (gate.maxCpuIncrease === false) return undefined;
  const base: WithCpu = comparison.against === 'baseline' ? comparison.entry : comparison.result;
  const baseRounds = roundCpu(base);
  const headRounds = roundCpu(head);
  if (
    !baseRounds ||
    !headRounds ||
    base.cost?.cpuMsPerRequest === undefined ||
    head.cost?.cpuMsPerRequest === undefined
  )
    return undefined;
  const rule: ChangeRule = {
    threshold: gate.maxCpuIncrease ?? gate.maxP95Increase,
    noiseFloor: comparison.against === 'base' ? gate.noiseFloor : gate.baselineNoiseFloor,
  };
  return {
    against: comparison.against,
    baseCpuMs: base.cost.cpuMsPerRequest,
    headCpuMs: head.cost.cpuMsPerRequest,
    ...judgeRounds(baseRounds, headRounds, comparison.against === 'base', rule, gate.confidence),
    rule,
  };
}
