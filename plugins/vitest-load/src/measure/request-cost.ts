import type { RequestCost } from './load-result.ts';

/** What a round counted of its cost: CPU seconds of the target and each statement's calls, over its answered requests. */
export interface CostTally {
  requests: number;
  cpuSeconds?: number;
  /** Calls of each statement (normalised text); absent where statements were not counted. */
  statementCalls?: Record<string, number>;
  /** Execution time of every statement counted (pg_stat_statements), in ms; absent where statements were not counted. */
  databaseMs?: number;
  /** Requests cut off in flight at the end of the load or of the warm-up right before it. */
  cutOff?: number;
}

/** The cost per request of one round, or of several pooled (their totals added, then divided). */
export function requestCost(tallies: CostTally[]): RequestCost | undefined {
  const requests = tallies.reduce((sum, tally) => sum + tally.requests, 0);
  if (requests === 0) return undefined;
  const cost: RequestCost = {};
  if (tallies.every((tally) => tally.cpuSeconds !== undefined)) {
    cost.cpuMsPerRequest = (tallies.reduce((sum, tally) => sum + tally.cpuSeconds!, 0) * 1000) / requests;
  }
  if (tallies.every((tally) => tally.statementCalls !== undefined)) {
    const calls: Record<string, number> = {};
    for (const tally of tallies)
      for (const [query, count] of Object.entries(tally.statementCalls!)) calls[query] = (calls[query] ?? 0) + count;
    cost.statementsPerRequest = Object.values(calls).reduce((sum, count) => sum + count, 0) / requests;
    cost.statements = Object.fromEntries(Object.entries(calls).map(([query, count]) => [query, count / requests]));
    if (tallies.every((tally) => tally.databaseMs !== undefined)) {
      cost.databaseMsPerRequest = tallies.reduce((sum, tally) => sum + tally.databaseMs!, 0) / requests;
    }
    const cutOff = tallies.reduce((sum, tally) => sum + (tally.cutOff ?? 0), 0);
    if (cutOff > 0) cost.cutOffPerRequest = cutOff / requests;
  }
  return Object.keys(cost).length > 0 ? cost : undefined;
}
