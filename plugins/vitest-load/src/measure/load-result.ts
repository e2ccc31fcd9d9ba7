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

/** The figures of one measured load against one target. */
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
  /** Per kind of request, when the load mixed several. */
  byRequest?: Record<string, RequestKindResult>;
}
