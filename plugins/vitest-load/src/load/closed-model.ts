import autocannon from 'autocannon';
import type { LoadOutcome, ResponseRecorder } from '../measure/measurement.ts';
import type { PreparedRequest } from './prepared-request.ts';
import { reconnectOnConnectionClose } from './connection-close.ts';
import { connectionLayers, type ConnectionLayer, type ConnectionStage } from './connection-layers.ts';
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
  const started = process.hrtime.bigint();
  const instance = startInstance(load, load.connections, load.durationSeconds);
  const onAbort = (): void => instance.stop();
  load.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const result = await instance.done;
    return { elapsedSeconds: Number(process.hrtime.bigint() - started) / 1e9, ...result };
  } finally {
    load.signal?.removeEventListener('abort', onAbort);
  }
}

/**
 * Closed-model load whose connections change from stage to stage (10 → 100 → 10): the stages
 * are split into layers of fixed connections (`connectionLayers`), each an autocannon instance
 * started and stopped at its stage boundaries, so the fast generator of the fixed-connection
 * path serves every stage, and the count of requests in flight follows the stages. A layer
 * stopped at a boundary cuts its requests in flight off (they count as unanswered).
 */
export async function runStagedClosedModel(
  load: Omit<ClosedModelLoad, 'connections' | 'durationSeconds'> & { stages: ConnectionStage[] },
): Promise<LoadOutcome> {
  const layers = connectionLayers(load.stages);
  const started = process.hrtime.bigint();
  const running: Instance[] = [];
  const timers: NodeJS.Timeout[] = [];
  const startedAtMs = performance.now();
  const startLayer = (layer: ConnectionLayer): Instance => {
    // autocannon ends a load at its next 50 ms tick: a layer's 90 connections would spill that far
    // into the next stage. Stopped on a timer at its boundary instead; its own duration is a backstop.
    const instance = startInstance(load, layer.connections, layer.durationSeconds + 1);
    running.push(instance);
    timers.push(
      setTimeout(
        () => instance.stop(),
        startedAtMs + (layer.startSeconds + layer.durationSeconds) * 1000 - performance.now(),
      ),
    );
    return instance;
  };
  const onAbort = (): void => {
    for (const timer of timers) clearTimeout(timer);
    for (const instance of running) instance.stop();
  };
  load.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const outcomes = await Promise.all(
      layers.map((layer) =>
        layer.startSeconds === 0
          ? startLayer(layer).done
          : new Promise<InstanceOutcome>((resolve, reject) => {
              timers.push(
                setTimeout(
                  () => {
                    if (load.signal?.aborted) resolve({ sent: 0, transportErrors: 0, timeouts: 0 });
                    else startLayer(layer).done.then(resolve, reject);
                  },
                  startedAtMs + layer.startSeconds * 1000 - performance.now(),
                ),
              );
            }),
      ),
    );
    const total = outcomes.reduce((sum, outcome) => ({
      sent: sum.sent + outcome.sent,
      transportErrors: sum.transportErrors + outcome.transportErrors,
      timeouts: sum.timeouts + outcome.timeouts,
    }));
    return { elapsedSeconds: Number(process.hrtime.bigint() - started) / 1e9, ...total };
  } finally {
    for (const timer of timers) clearTimeout(timer);
    load.signal?.removeEventListener('abort', onAbort);
  }
}

type InstanceOutcome = Omit<LoadOutcome, 'elapsedSeconds'>;

interface Instance {
  done: Promise<InstanceOutcome>;
  stop(): void;
}

/** One autocannon instance of `connections` for `durationSeconds`, recording into the load's recorder. */
function startInstance(
  load: Pick<ClosedModelLoad, 'url' | 'requests' | 'timeoutSeconds' | 'measurement'>,
  connections: number,
  durationSeconds: number,
): Instance {
  const { measurement } = load;
  const schedule = requestSchedule(load.requests);
  // Without pipelining each client answers its requests in order, so a per-client count
  // tells which request of the schedule a response belongs to.
  const answeredByClient = new WeakMap<object, number>();
  const timeoutMs = load.timeoutSeconds * 1000;
  // Called without a callback, autocannon returns its event emitter, made thenable.
  const instance = autocannon({
    url: load.url,
    connections,
    pipelining: 1,
    duration: durationSeconds,
    // autocannon ends a load at its next sample tick, once a second by default: "500ms" would
    // load for a whole second. Ticks every 50 ms end it on time (its own samples go unused).
    sampleInt: 50,
    timeout: load.timeoutSeconds,
    requests: schedule.map((index) => toAutocannonRequest(load.requests[index]!)),
    setupClient: reconnectOnConnectionClose,
  }) as unknown as autocannon.Instance & PromiseLike<autocannon.Result>;
  if (measurement) {
    instance.on('response', (client: object, statusCode: number, resBytes: number, responseTime: number) => {
      const answered = answeredByClient.get(client) ?? 0;
      answeredByClient.set(client, answered + 1);
      measurement.recordResponse(schedule[answered % schedule.length]!, statusCode, resBytes, responseTime);
    });
    if (measurement.recordFailure) {
      const recordFailure = measurement.recordFailure.bind(measurement);
      // autocannon says neither when a failed request was sent nor which it was: a timeout took the
      // whole timeout; anything else (a refused or reset connection) is taken as failing at once.
      instance.on('reqError', (error: Error | undefined) =>
        recordFailure(error?.message === 'request timed out' ? timeoutMs : 0),
      );
    }
  }
  const done = Promise.resolve(instance).then((result) => ({
    sent: result.requests.sent,
    transportErrors: result.errors,
    timeouts: result.timeouts,
  }));
  return { done, stop: () => instance.stop() };
}
