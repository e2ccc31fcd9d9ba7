import type { CpuWindow } from '../load/generator-cpu.ts';
import { cpuSharesOf } from '../measure/generator-bound.ts';
import type { CpuShares, LoadResult } from '../measure/load-result.ts';
import type { LoadOutcome } from '../measure/measurement.ts';
import { requestCost, type CostTally } from '../measure/request-cost.ts';
import { coresOf, type CpuPinning } from '../targets/cpu-pinning.ts';
import { callsByStatement, type StatementTally } from '../targets/services/query-insight.ts';

/** CPU seconds between two readings, or undefined where either could not be taken. */
export const cpuSpent = (before: number | undefined, after: number | undefined): number | undefined =>
  before !== undefined && after !== undefined ? after - before : undefined;

/** What a round counted besides its responses: the target's CPU seconds, the statements, the requests cut off in flight. */
export interface RoundCounts {
  cpuSeconds: number | undefined;
  statements: StatementTally[] | undefined;
  cutOff: number;
  /** The generator's and the target's CPU shares over the load, where they could be counted. */
  cpuShares?: CpuShares | undefined;
}

/** The shares of the generator's CPU window and the target's CPU seconds over it, for the cores each may use. */
export function roundCpuShares(
  window: CpuWindow,
  targetCpuSeconds: number | undefined,
  outcome: LoadOutcome,
  pinning: CpuPinning,
): CpuShares | undefined {
  const cores = coresOf(pinning);
  return cpuSharesOf({
    seconds: window.seconds,
    generatorCpuSeconds: window.cpuSeconds,
    generatorCores: cores.generator,
    ...(targetCpuSeconds === undefined ? {} : { targetCpuSeconds }),
    targetCores: cores.target,
    ...(outcome.lateSends === undefined ? {} : { sends: { sent: outcome.sent, late: outcome.lateSends } }),
  });
}

/** A round's cost tally (CPU time, statement calls) and its result with the cost per request added. */
export function withRoundCost(
  summary: LoadResult,
  { cpuSeconds, statements: statementTallies, cutOff, cpuShares }: RoundCounts,
): { cost: CostTally; result: LoadResult } {
  const cost: CostTally = {
    requests: summary.requests,
    cutOff,
    ...(cpuSeconds === undefined ? {} : { cpuSeconds }),
    ...(statementTallies
      ? {
          statementCalls: callsByStatement(statementTallies),
          databaseMs: statementTallies.reduce((sum, tally) => sum + tally.totalMs, 0),
        }
      : {}),
  };
  const perRequest = requestCost([cost]);
  return {
    cost,
    result: { ...summary, ...(perRequest ? { cost: perRequest } : {}), ...(cpuShares ? { cpuShares } : {}) },
  };
}
