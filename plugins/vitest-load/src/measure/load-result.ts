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
  /** Per kind of request, when the load mixed several. */
  byRequest?: Record<string, RequestKindResult>;
}
