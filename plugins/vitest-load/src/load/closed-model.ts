import autocannon from 'autocannon';
import type { LatencyHistogram } from '../measure/latency-histogram.ts';
import { emptyCounters, type LoadCounters } from './load-counters.ts';
import type { PreparedRequest } from './prepared-request.ts';

export interface ClosedModelLoad {
  /** Base URL of the target, on loopback. */
  url: string;
  requests: PreparedRequest[];
  connections: number;
  durationSeconds: number;
  timeoutSeconds: number;
  /** Receives every response's latency; absent for a warm-up. */
  histogram?: LatencyHistogram;
  /** Aborts the load early (the target died, the test was cancelled). */
  signal?: AbortSignal;
}

/**
 * Closed-model load: `connections` clients, each sending its next request as soon as the
 * previous one is answered. Latencies come from autocannon's `response` event, which carries
 * fractional milliseconds, because its own percentiles are whole milliseconds without p95.
 */
export async function runClosedModel(load: ClosedModelLoad): Promise<LoadCounters> {
  const counters = emptyCounters();
  const { histogram, requests } = load;
  // Without pipelining each client answers its requests in order, so a per-client count
  // tells which request a response belongs to.
  const sentByClient = new WeakMap<object, number>();
  const started = process.hrtime.bigint();

  // Called without a callback, autocannon returns its event emitter, made thenable.
  const instance = autocannon({
    url: load.url,
    connections: load.connections,
    pipelining: 1,
    duration: load.durationSeconds,
    timeout: load.timeoutSeconds,
    requests: requests.map((request) => ({
      method: request.method,
      path: request.path,
      headers: request.headers,
      ...(request.body === undefined ? {} : { body: request.body }),
    })),
  }) as unknown as autocannon.Instance & PromiseLike<autocannon.Result>;

  instance.on('response', (client: object, statusCode: number, resBytes: number, responseTime: number) => {
    const index = sentByClient.get(client) ?? 0;
    sentByClient.set(client, index + 1);
    const request = requests[index % requests.length]!;
    counters.responses++;
    counters.bytes += resBytes;
    counters.statusCodes[statusCode] = (counters.statusCodes[statusCode] ?? 0) + 1;
    if (!request.isExpectedStatus(statusCode)) counters.unexpectedStatuses++;
    histogram?.recordMs(responseTime);
  });

  const onAbort = (): void => instance.stop();
  load.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const result = await instance;
    counters.timeouts = result.timeouts;
    counters.transportErrors = result.errors;
  } finally {
    load.signal?.removeEventListener('abort', onAbort);
  }
  counters.elapsedSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  return counters;
}
