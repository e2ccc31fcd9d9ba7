import type { LoadCounters } from '../load/load-counters.ts';
import type { LatencyPercentiles } from './latency-histogram.ts';

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
}

export function summarizeLoad(latencyMs: LatencyPercentiles, counters: LoadCounters): LoadResult {
  const errors = counters.unexpectedStatuses + counters.transportErrors;
  const attempts = counters.responses + counters.transportErrors;
  const seconds = counters.elapsedSeconds > 0 ? counters.elapsedSeconds : 1;
  return {
    latencyMs,
    requests: counters.responses,
    requestsPerSecond: counters.responses / seconds,
    bytesPerSecond: counters.bytes / seconds,
    errors,
    timeouts: counters.timeouts,
    errorRate: attempts === 0 ? 0 : errors / attempts,
    statusCodes: { ...counters.statusCodes },
    durationSeconds: counters.elapsedSeconds,
  };
}
