import type { LoadResult } from './load-result.ts';

/**
 * Where a request's time went, from what a load measured already (docs/bottleneck.md): the
 * database's statement time and the target's CPU time per answered request, against the mean
 * latency, which under a closed model of N connections is also N ÷ throughput (Little's law):
 * the time each request held one of the connections.
 */
export interface Bottleneck {
  /** Mean latency per response, ms: the whole that the shares divide. */
  latencyMs: number;
  /** Statement execution time per request, ms (pg_stat_statements); absent without a counted database. */
  databaseMs?: number;
  /** The target's CPU time per request, ms (its process tree); absent where /proc cannot tell. */
  cpuMs?: number;
  /** Shares of the mean latency; `waiting` is what is left: queueing, network, upstream calls, pool waits. */
  shares: { database?: number; cpu?: number; waiting: number };
  /**
   * Database and CPU time add up to more than the latency: the target works on a request on
   * several cores at once, or off its path (a collector, a background job). The shares are then
   * of their sum, and nothing is left for waiting.
   */
  overlapping: boolean;
  /** The target's CPU was at least `CPU_SATURATED` busy: most of the waiting is queueing for it. */
  cpuSaturated: boolean;
}

/** From this share of its cores busy, a target's requests queue for its CPU (as the generator-bound check judges a CPU). */
export const CPU_SATURATED = 0.9;

/** The time of a mean request split into database, target CPU and waiting, or undefined where neither was counted. */
export function bottleneckOf(result: Pick<LoadResult, 'latencyMs' | 'cost' | 'cpuShares'>): Bottleneck | undefined {
  const latencyMs = result.latencyMs.mean;
  const databaseMs = result.cost?.databaseMsPerRequest;
  const cpuMs = result.cost?.cpuMsPerRequest;
  if (!(latencyMs > 0) || (databaseMs === undefined && cpuMs === undefined)) return undefined;
  const worked = (databaseMs ?? 0) + (cpuMs ?? 0);
  const overlapping = worked > latencyMs;
  const whole = overlapping ? worked : latencyMs;
  return {
    latencyMs,
    ...(databaseMs === undefined ? {} : { databaseMs }),
    ...(cpuMs === undefined ? {} : { cpuMs }),
    shares: {
      ...(databaseMs === undefined ? {} : { database: databaseMs / whole }),
      ...(cpuMs === undefined ? {} : { cpu: cpuMs / whole }),
      waiting: overlapping ? 0 : 1 - worked / latencyMs,
    },
    overlapping,
    cpuSaturated: (result.cpuShares?.target ?? 0) >= CPU_SATURATED,
  };
}
