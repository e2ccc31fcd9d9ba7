import type { LatencyPercentiles } from './latency-histogram.ts';

/** The figures of one kind of request within a mix. */
export interface RequestKindResult {
  requests: number;
  /** Responses with a status the request did not expect. */
  errors: number;
  errorRate: number;
  latencyMs: LatencyPercentiles;
  statusCodes: Record<string, number>;
}

/** What one measured round contributes to a verdict: it is judged on the spread of these across rounds. */
export interface RoundFigures {
  p50: number;
  p95: number;
  p99: number;
  requestsPerSecond: number;
  requests: number;
  /** The target's CPU time per answered request (ms), where /proc can tell. */
  cpuMsPerRequest?: number;
  /** Database statements per answered request, for a target on a database whose statements are counted. */
  statementsPerRequest?: number;
}

/**
 * What a request costs the target, beside how long it took: figures that move with the code and
 * much less with the machine (docs/verdicts.md#cost-per-request).
 */
export interface RequestCost {
  /** CPU time of the target's whole process tree per answered request, in ms. */
  cpuMsPerRequest?: number;
  /** Database statements per answered request (all statements, pg_stat_statements). */
  statementsPerRequest?: number;
  /** Calls per answered request of each statement (PostgreSQL's normalised text): what the statements check compares. */
  statements?: Record<string, number>;
  /** Statement execution time per answered request, in ms (pg_stat_statements' total_exec_time): the database's share (docs/bottleneck.md). */
  databaseMsPerRequest?: number;
  /**
   * Requests cut off in flight when a load ended (its own and its warm-up's), per answered
   * request: they may have run their statements without being counted as answered, so the
   * statements per request above can be this share too high (docs/verdicts.md#cost-per-request).
   */
  cutOffPerRequest?: number;
}

/** How long latency took to come back after the load fell or a fault ended (docs/faults.md#recovery). */
export interface RecoveryFigure {
  /** Seconds, the median over rounds; null when it did not recover within the load in at least half of them. */
  seconds: number | null;
  /** Each round's, in order; null for a round that did not recover. */
  rounds: Array<number | null>;
  /** The p95 it had to come back to (the median over rounds): before the load first rose or the first fault began. */
  referenceP95Ms: number;
}

/** The figures of one stage of a staged load, pooled over rounds. */
export interface StageResult {
  durationSeconds: number;
  /** Open model: the stage's arrival rate. */
  rate?: number;
  /** Closed model: the stage's connections. */
  connections?: number;
  /** Answered requests sent during the stage. */
  requests: number;
  requestsPerSecond: number;
  errors: number;
  errorRate: number;
  latencyMs: { p50: number; p95: number; p99: number };
  /** After a stage the load falls from: how long until latency was back at the first stage's. */
  recovery?: RecoveryFigure;
}

/** What one fault did, pooled over rounds. */
export interface FaultResult {
  name: string;
  /** When it was planned to start, and for how long, in seconds from the start of the measured load. */
  atSeconds: number;
  durationSeconds: number;
  /** How long it really lasted (the median over rounds): from its start until its end returned (the service answered again). */
  actualSeconds: number;
  /** Requests in flight at any moment of the fault, answered or failed. */
  requests: number;
  errors: number;
  errorRate: number;
  /** p95 of the failed requests' latency: small when the target fails fast, near the timeout when it hangs; null without failures. */
  failedP95Ms: number | null;
  /** How long after the fault's end latency was back (and errors gone). */
  recovery: RecoveryFigure;
}

/**
 * How busy the load generator and the target were over the measured load, each as a share of
 * the cores it may use (1 = every one of them busy all the time), and whether that makes the
 * result generator-bound (docs/verdicts.md#generator-bound).
 */
export interface CpuShares {
  /** The load generator's CPU time (its whole process) per second of the load, over `generatorCores`. */
  generator: number;
  /** The cores the generator may use: 1, as it sends the load from one thread. */
  generatorCores: number;
  /** The target's CPU time (its process tree) per second of the load, over `targetCores`; absent where /proc cannot tell. */
  target?: number;
  /** The cores the target may use: those it is pinned to, or all of the machine's. */
  targetCores: number;
  /**
   * Open model only: the share of requests the generator sent 5 ms or more after their scheduled
   * time. It judges the open model instead of the CPU share, which counts its polling before each send as work.
   */
  lateSends?: number;
  /** The generator, not the target, was the limit: the figures measure the generator (measure/generator-bound.ts). */
  generatorBound: boolean;
}

/** The figures of one measured load against one target; over several rounds, all of them pooled. */
export interface LoadResult {
  latencyMs: LatencyPercentiles;
  requests: number;
  requestsPerSecond: number;
  bytesPerSecond: number;
  /** Failed requests: transport errors, timeouts and unexpected statuses. */
  errors: number;
  timeouts: number;
  errorRate: number;
  statusCodes: Record<string, number>;
  durationSeconds: number;
  /**
   * Requests sent but neither answered nor failed when the load stopped at its duration. The
   * server may still have done their work (a row inserted), so a check of the data after a
   * load allows for up to this many more effects than answered requests.
   */
  unanswered: number;
  /** Each measured round's own figures, in the order they ran. */
  rounds?: RoundFigures[];
  /** What a request cost the target (CPU, statements), pooled over the rounds. */
  cost?: RequestCost;
  /** The generator's and the target's CPU shares, the mean over the rounds; absent in results older than them. */
  cpuShares?: CpuShares;
  /** Per kind of request, when the load mixed several. */
  byRequest?: Record<string, RequestKindResult>;
  /** Per stage, for a load in stages. */
  stages?: StageResult[];
  /** Per fault, for a load with faults. */
  faults?: FaultResult[];
  /**
   * Requests in flight during any fault and their errors (expected there), and the error rate of
   * all the others, which is what `gate.maxErrorRate` judges when the load had faults.
   */
  duringFaults?: { requests: number; errors: number; errorRateOutside: number };
}

/** The error rate `gate.maxErrorRate` judges: errors during faults are expected and left out. */
export const gatedErrorRate = (result: Pick<LoadResult, 'errorRate' | 'duringFaults'>): number =>
  result.duringFaults?.errorRateOutside ?? result.errorRate;
