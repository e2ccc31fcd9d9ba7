import type { LoadResult } from '../measure/load-result.ts';
import { requestCost, type CostTally } from '../measure/request-cost.ts';
import { callsByStatement, type StatementTally } from '../targets/services/query-insight.ts';

/** CPU seconds between two readings, or undefined where either could not be taken. */
export const cpuSpent = (before: number | undefined, after: number | undefined): number | undefined =>
  before !== undefined && after !== undefined ? after - before : undefined;

/** What a round counted besides its responses: the target's CPU seconds, the statements, the requests cut off in flight. */
export interface RoundCounts {
  cpuSeconds: number | undefined;
  statements: StatementTally[] | undefined;
  cutOff: number;
}

/** A round's cost tally (CPU time, statement calls) and its result with the cost per request added. */
export function withRoundCost(
  summary: LoadResult,
  { cpuSeconds, statements: statementTallies, cutOff }: RoundCounts,
): { cost: CostTally; result: LoadResult } {
  const cost: CostTally = {
    requests: summary.requests,
    cutOff,
    ...(cpuSeconds === undefined ? {} : { cpuSeconds }),
    ...(statementTallies ? { statementCalls: callsByStatement(statementTallies) } : {}),
  };
  const perRequest = requestCost([cost]);
  return { cost, result: perRequest ? { ...summary, cost: perRequest } : summary };
}
