import autocannon from 'autocannon';
import type { LoadOutcome, ResponseRecorder } from '../measure/measurement.ts';
import type { PreparedRequest } from './prepared-request.ts';
import { requestSchedule } from './request-schedule.ts';

export interface ClosedModelLoad {
  /** Base URL of the target, on loopback. */
  url: string;
  requests: PreparedRequest[];
  connections: number;
  durationSeconds: number;
  timeoutSeconds: number;
  /** Receives every response; absent for a warm-up. */
  measurement?: ResponseRecorder;
  /** Aborts the load early (the target died, the test was cancelled). */
  signal?: AbortSignal;
}

type AutocannonRequest = NonNullable<autocannon.Options['requests']>[number];

function toAutocannonRequest(request: PreparedRequest): AutocannonRequest {
  const { path, body } = request;
  const varies = typeof path === 'function' || typeof body === 'function';
  return {
    method: request.method,
    path: typeof path === 'function' ? '/' : path,
    headers: request.headers,
    ...(typeof body === 'string' || Buffer.isBuffer(body) ? { body } : {}),
    // Called by autocannon before each send of this request: only where something varies.
    ...(varies
      ? {
          setupRequest: (outgoing: AutocannonRequest) => ({
            ...outgoing,
            ...(typeof path === 'function' ? { path: path() } : {}),
            ...(typeof body === 'function' ? { body: body() } : {}),
          }),
        }
      : {}),
  } as AutocannonRequest;
}

/**
 * Closed-model load: `connections` clients, each sending its next request as soon as the
 * previous one is answered. Latencies come from autocannon's `response` event, which carries
 * fractional milliseconds, because its own percentiles are whole milliseconds without p95.
 */
export async function runClosedModel(load: ClosedModelLoad): Promise<LoadOutcome> {
  const { measurement } = load;
  const schedule = requestSchedule(load.requests);
  // Without pipelining each client answers its requests in order, so a per-client count
  // tells which request of the schedule a response belongs to.
  const answeredByClient = new WeakMap<object, number>();
  const started = process.hrtime.bigint();

  // Called without a callback, autocannon returns its event emitter, made thenable.
  const instance = autocannon({
    url: load.url,
    connections: load.connections,
    pipelining: 1,
    duration: load.durationSeconds,
    // autocannon ends a load at its next sample tick, once a second by default: "500ms" would
    // load for a whole second. Ticks every 50 ms end it on time (its own samples go unused).
    sampleInt: 50,
    timeout: load.timeoutSeconds,
    requests: schedule.map((index) => toAutocannonRequest(load.requests[index]!)),
  }) as unknown as autocannon.Instance & PromiseLike<autocannon.Result>;

  if (measurement) {
    instance.on('response', (client: object, statusCode: number, resBytes: number, responseTime: number) => {
      const answered = answeredByClient.get(client) ?? 0;
      answeredByClient.set(client, answered + 1);
      measurement.recordResponse(schedule[answered % schedule.length]!, statusCode, resBytes, responseTime);
    });
  }

  const onAbort = (): void => instance.stop();
  load.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const result = await instance;
    return { elapsedSeconds: Number(process.hrtime.bigint() - started) / 1e9, sent: result.requests.sent, transportErrors: result.errors, timeouts: result.timeouts };
  } finally {
    load.signal?.removeEventListener('abort', onAbort);
  }
}
