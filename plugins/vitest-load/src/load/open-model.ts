import { Pool } from 'undici';
import type { LoadOutcome, ResponseRecorder } from '../measure/measurement.ts';
import { arrivalTimes, totalSeconds, type ArrivalStage } from './arrival-schedule.ts';
import type { PreparedRequest } from './prepared-request.ts';
import { requestSchedule } from './request-schedule.ts';

export interface OpenModelLoad {
  /** Base URL of the target, on loopback. */
  url: string;
  requests: PreparedRequest[];
  stages: ArrivalStage[];
  /** The most connections the client may open; requests beyond wait in its queue (and that wait counts). */
  connections: number;
  timeoutSeconds: number;
  /** Receives every response; absent for a warm-up. */
  measurement?: ResponseRecorder;
  /** Aborts the load early (the target died, the test was cancelled). */
  signal?: AbortSignal;
  /** Requests allowed to be outstanding at once; a request due beyond that is dropped and counted as an error, so a dead-slow target cannot grow the queue without bound. */
  maxOutstanding?: number;
}

export interface OpenModelOutcome extends LoadOutcome {
  /** Requests not sent because `maxOutstanding` were already waiting. */
  dropped: number;
  /** How late the generator itself sent requests, at worst (ms): large values mean it could not keep up. */
  worstSendLagMs: number;
  /** Requests sent (or dropped) LATE_SEND_MS or more after their scheduled time. */
  lateSends: number;
}

/** How long before a send the scheduler stops trusting timers and polls instead (a timer can fire 1-2 ms late). */
const SPIN_BEFORE_MS = 2;

/**
 * A send this late was not held back by a timer's slack (1-2 ms, and polled away) but by a
 * generator busy with other sends and responses: many of them say it could not keep its schedule.
 */
export const LATE_SEND_MS = 5;

const isTimeout = (error: unknown): boolean => {
  const code = (error as { code?: string } | undefined)?.code;
  return code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT';
};

/**
 * Open-model load: requests arrive on a fixed schedule whatever the target does, and each
 * latency counts from the request's *scheduled* time. When the target stalls, the requests due
 * meanwhile wait, and that wait is in their latency: a closed-model generator would have sent
 * nothing during the stall and hidden it (coordinated omission).
 *
 * Written on undici's pool rather than autocannon, whose `overallRate` sends in bursts.
 */
export async function runOpenModel(load: OpenModelLoad): Promise<OpenModelOutcome> {
  const { measurement } = load;
  const schedule = requestSchedule(load.requests);
  const timeoutMs = load.timeoutSeconds * 1000;
  const maxOutstanding = load.maxOutstanding ?? 10_000;
  const pool = new Pool(new URL(load.url).origin, {
    connections: load.connections,
    pipelining: 1,
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
  });

  let sent = 0;
  let outstanding = 0;
  let transportErrors = 0;
  let timeouts = 0;
  let dropped = 0;
  let worstSendLagMs = 0;
  let lateSends = 0;
  let drained: (() => void) | undefined;

  const settle = (): void => {
    outstanding--;
    if (outstanding === 0) drained?.();
  };

  const send = (index: number, intendedAt: number): void => {
    const kind = schedule[index % schedule.length]!;
    const request = load.requests[kind]!;
    sent++;
    outstanding++;
    pool
      .request({
        path: typeof request.path === 'function' ? request.path() : request.path,
        method: request.method,
        headers: request.headers,
        body: typeof request.body === 'function' ? request.body() : request.body,
      })
      .then(async ({ statusCode, body }) => {
        let bytes = 0;
        for await (const chunk of body) bytes += (chunk as Buffer).length;
        measurement?.recordResponse(kind, statusCode, bytes, performance.now() - intendedAt);
      })
      .catch((error: unknown) => {
        transportErrors++;
        if (isTimeout(error)) timeouts++;
        measurement?.recordFailure?.(performance.now() - intendedAt);
      })
      .finally(settle);
  };

  const started = performance.now();
  const times = arrivalTimes(load.stages);
  let next = times.next();
  let index = 0;
  await new Promise<void>((resolve) => {
    let timer: NodeJS.Timeout | undefined;
    let immediate: NodeJS.Immediate | undefined;
    const stop = (): void => {
      if (timer) clearTimeout(timer);
      if (immediate) clearImmediate(immediate);
      load.signal?.removeEventListener('abort', stop);
      resolve();
    };
    load.signal?.addEventListener('abort', stop, { once: true });
    const tick = (): void => {
      const now = performance.now();
      while (!next.done && started + next.value <= now) {
        const intendedAt = started + next.value;
        worstSendLagMs = Math.max(worstSendLagMs, now - intendedAt);
        if (now - intendedAt >= LATE_SEND_MS) lateSends++;
        if (outstanding >= maxOutstanding) {
          dropped++;
          measurement?.recordFailure?.(now - intendedAt);
        } else send(index, intendedAt);
        index++;
        next = times.next();
      }
      if (next.done || load.signal?.aborted) stop();
      else {
        // Node's timers fire 1 ms late or more: a send held back that long counts as server
        // latency (p50 0.96 ms against paced wrk's 0.27 ms at 2,000 req/s) and bunches requests
        // into bursts. So the last stretch before a send is polled with setImmediate, which
        // still lets responses in between; the generator's own core pays for the polling.
        const waitMs = started + next.value - performance.now();
        if (waitMs > SPIN_BEFORE_MS) timer = setTimeout(tick, waitMs - SPIN_BEFORE_MS);
        else immediate = setImmediate(tick);
      }
    };
    tick();
  });
  // A generator that fell behind sent its schedule over a longer time than planned: requests per
  // second count over that time, or a capped generator would report the asked rate as reached.
  const sendingSeconds = (performance.now() - started) / 1000;

  // Requests scheduled within the load still count when they finish after it: leaving them out
  // would hide a stall at the very end. The pool's timeouts bound the wait.
  if (!load.signal?.aborted && outstanding > 0) await new Promise<void>((resolve) => (drained = resolve));
  if (load.signal?.aborted) await pool.destroy();
  else await pool.close();

  return {
    elapsedSeconds: Math.max(totalSeconds(load.stages), sendingSeconds),
    // Dropped requests count as attempted and failed, so none of them looks unanswered.
    sent: sent + dropped,
    transportErrors: transportErrors + dropped,
    timeouts,
    dropped,
    worstSendLagMs,
    lateSends,
  };
}
