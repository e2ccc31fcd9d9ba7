/** What one load run counted, besides latencies. */
export interface LoadCounters {
  responses: number;
  /** Responses whose status the request did not expect. */
  unexpectedStatuses: number;
  /** Transport errors (refused or reset connections) and timeouts. */
  transportErrors: number;
  timeouts: number;
  bytes: number;
  statusCodes: Record<string, number>;
  elapsedSeconds: number;
}

export function emptyCounters(): LoadCounters {
  return { responses: 0, unexpectedStatuses: 0, transportErrors: 0, timeouts: 0, bytes: 0, statusCodes: {}, elapsedSeconds: 0 };
}
