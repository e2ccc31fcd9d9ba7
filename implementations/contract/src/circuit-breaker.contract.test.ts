// The flash sale's circuit breaker: GET /external/breaker calls the upstream as GET /external does,
// through a breaker that opens when half of at least 5 recent calls failed, answers 503 at once
// while open, and lets one call through after BREAKER_RESET_MS to close again. The upstream is the
// real one, told to fail or stall through its POST /control.
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { errorMessages, errorResponseSchema, externalResponseSchema, type ErrorResponse } from './index.ts';
import {
  breakerMessages,
  breakerSettings,
  breakerStateSchema,
  setUpstreamMode,
  type BreakerStateResponse,
} from '../../node-backend/src/index.ts';
import { expectJson, expectSameAnswers, expectSameError, send, sendToAll } from './testing/answers.ts';
import {
  implementationsServing,
  startTargets,
  startUpstream,
  stopTargets,
  type Target,
  type Targets,
} from './testing/targets.ts';

/** The implementations whose lab.json serves this file's scenarios. */
const names = implementationsServing('flash');

const upstreamTimeoutMs = 200;
const breakerResetMs = 400;
let upstream: Target;
let targets: Targets;

beforeAll(async () => {
  upstream = await startUpstream(0);
});

afterAll(() => upstream.close());

// A fresh breaker for every test: each starts closed with nothing counted.
beforeEach(async () => {
  await setUpstreamMode(upstream.baseUrl, { mode: 'ok' });
  targets = await startTargets({ upstreamUrl: upstream.baseUrl, upstreamTimeoutMs, breakerResetMs }, names);
});

afterEach(() => stopTargets(targets));

const withoutTiming = (text: string) => text.replace(/"upstreamMs":[0-9.e+-]+/, '"upstreamMs":0');

async function state(baseUrl: string): Promise<BreakerStateResponse> {
  return expectJson(await send(baseUrl, '/external/breaker/state'), 200, breakerStateSchema) as BreakerStateResponse;
}

/** `count` requests at once through the breaker; their statuses, in order. */
async function burst(baseUrl: string, count: number): Promise<number[]> {
  const answers = await Promise.all(Array.from({ length: count }, () => send(baseUrl, '/external/breaker')));
  return answers.map((answer) => answer.status);
}

describe('with the upstream answering', () => {
  it('answers GET /external/breaker exactly as GET /external, alike everywhere, with the circuit closed', async () => {
    const answer = expectSameAnswers(await sendToAll(targets, '/external/breaker?delayMs=0'), withoutTiming);
    expectJson(answer, 200, externalResponseSchema);
    const direct = await send(targets.express!.baseUrl, '/external?delayMs=0');
    expect(withoutTiming(answer.text)).toBe(withoutTiming(direct.text));
    for (const name of names)
      expect(await state(targets[name]!.baseUrl)).toEqual({
        state: 'closed',
        resetMs: breakerResetMs,
        calls: 1,
        failures: 0,
        rejected: 0,
      });
  });

  it('refuses a bad delayMs with the 400 of GET /external, which does not count against the upstream', async () => {
    await expectSameError(targets, '/external/breaker?delayMs=-1', {}, 400, 'querystring/delayMs must be >= 0');
    for (const name of names) expect((await state(targets[name]!.baseUrl)).failures).toBe(0);
  });
});

describe.each(names)('on %s', (name) => {
  const baseUrl = () => targets[name]!.baseUrl;

  it('opens after the upstream failed enough calls, then answers 503 without calling it', async () => {
    await setUpstreamMode(upstream.baseUrl, { mode: 'fail' });
    // The failures that open it are the upstream's own answers, a 502 each.
    const first = await burst(baseUrl(), breakerSettings.volumeThreshold);
    expect(first).toEqual(Array(breakerSettings.volumeThreshold).fill(502));
    expect(await state(baseUrl())).toMatchObject({
      state: 'open',
      calls: breakerSettings.volumeThreshold,
      failures: breakerSettings.volumeThreshold,
      rejected: 0,
    });

    const response = await fetch(`${baseUrl()}/external/breaker`);
    const body = (await response.json()) as ErrorResponse;
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('1');
    expect(body).toEqual({
      statusCode: 503,
      error: 'Service Unavailable',
      message: breakerMessages.open(breakerResetMs),
    });
    expect(await state(baseUrl())).toMatchObject({
      state: 'open',
      calls: breakerSettings.volumeThreshold,
      rejected: 1,
    });
  });

  it('opens on an upstream that stalls past the timeout, whereas GET /external waits out the timeout every time', async () => {
    await setUpstreamMode(upstream.baseUrl, { mode: 'stall', stallMs: 5000 });
    expect(await burst(baseUrl(), breakerSettings.volumeThreshold)).toEqual(
      Array(breakerSettings.volumeThreshold).fill(504),
    );
    const open = await send(baseUrl(), '/external/breaker');
    expect((expectJson(open, 503, errorResponseSchema) as ErrorResponse).message).toBe(
      breakerMessages.open(breakerResetMs),
    );

    for (let attempt = 0; attempt < 3; attempt++) {
      const unprotected = await send(baseUrl(), '/external');
      expect((expectJson(unprotected, 504, errorResponseSchema) as ErrorResponse).message).toBe(
        errorMessages.upstreamTimeout(upstreamTimeoutMs),
      );
    }
  });

  it('closes again once the upstream recovers: half-open after the reset time, closed after one good call', async () => {
    await setUpstreamMode(upstream.baseUrl, { mode: 'fail' });
    await burst(baseUrl(), breakerSettings.volumeThreshold);
    expect((await state(baseUrl())).state).toBe('open');
    await setUpstreamMode(upstream.baseUrl, { mode: 'ok' });
    // Still open until the reset time has passed, though the upstream is fine again.
    expect((await send(baseUrl(), '/external/breaker')).status).toBe(503);

    await delay(breakerResetMs + 100);
    expect((await state(baseUrl())).state).toBe('half-open');
    expectJson(await send(baseUrl(), '/external/breaker?delayMs=0'), 200, externalResponseSchema);
    expect((await state(baseUrl())).state).toBe('closed');
    expect(await burst(baseUrl(), 3)).toEqual([200, 200, 200]);
  });

  it('opens again when the one call it lets through after the reset time fails too', async () => {
    await setUpstreamMode(upstream.baseUrl, { mode: 'fail' });
    await burst(baseUrl(), breakerSettings.volumeThreshold);
    await delay(breakerResetMs + 100);
    expect((await state(baseUrl())).state).toBe('half-open');
    expect((await send(baseUrl(), '/external/breaker')).status).toBe(502);
    expect((await state(baseUrl())).state).toBe('open');
    expect((await send(baseUrl(), '/external/breaker')).status).toBe(503);
  });

  it('stays closed while fewer calls than the volume threshold failed', async () => {
    await setUpstreamMode(upstream.baseUrl, { mode: 'fail' });
    const below = breakerSettings.volumeThreshold - 1;
    expect(await burst(baseUrl(), below)).toEqual(Array(below).fill(502));
    expect((await state(baseUrl())).state).toBe('closed');
  });
});
