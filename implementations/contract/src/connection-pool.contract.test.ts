// The flash sale's connection pool: GET /pool/query?ms=N holds one pooled connection for N ms.
// With every connection of the pool busy for longer than DATABASE_POOL_TIMEOUT_MS, a request is a
// 503 in the contract's shape at once, rather than a wait; the pool serves again once they are free.
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorResponseSchema, type ErrorResponse } from './index.ts';
import { poolExhaustedMessage, poolQueryPath, poolQueryResponseSchema } from '../../node-backend/src/index.ts';
import { expectJson, expectSameError, expectValid, send } from './testing/answers.ts';
import { expectSameJson } from './testing/same-json.ts';
import { implementationsServing, startTargets, stopTargets, type Targets } from './testing/targets.ts';

/** The implementations whose lab.json serves this file's scenarios. */
const names = implementationsServing('flash');

const databasePoolSize = 2;
// Long enough to open a connection on a busy machine, short beside the 1 s the connections are held.
const databasePoolTimeoutMs = 300;
const holdMs = 1000;
let targets: Targets;

beforeAll(async () => {
  targets = await startTargets({ databasePoolSize, databasePoolTimeoutMs }, names);
});

afterAll(() => stopTargets(targets));

describe('GET /pool/query', () => {
  it('holds a connection for the time asked and says so, alike everywhere', async () => {
    expect(await expectSameJson(targets, poolQueryPath(5), poolQueryResponseSchema)).toEqual({ sleptMs: 5 });
  });

  it('holds one for 10 ms when not told', async () => {
    expect(await expectSameJson(targets, '/pool/query', poolQueryResponseSchema)).toEqual({ sleptMs: 10 });
  });

  it.each([
    ['ms=1001', 'querystring/ms must be <= 1000'],
    ['ms=-1', 'querystring/ms must be >= 0'],
    ['ms=soon', 'querystring/ms must be integer'],
    ['seconds=1', "querystring must NOT have additional properties: 'seconds'"],
  ])('refuses %s with a 400 naming it', async (query, message) => {
    await expectSameError(targets, `/pool/query?${query}`, {}, 400, message);
  });
});

describe.each(names)('an exhausted pool on %s', (name) => {
  const get = (path: string) => send(targets[name]!.baseUrl, path);

  it('answers 503 with retry-after while every connection is busy, then serves again', async () => {
    // Both connections opened first, so that the held requests do not wait to connect.
    await Promise.all([get(poolQueryPath(0)), get(poolQueryPath(0))]);
    const held = Array.from({ length: databasePoolSize }, () => get(poolQueryPath(holdMs)));
    // The held requests' statements under way first: the next one waits 300 ms, long before they end.
    await delay(100);
    const response = await fetch(`${targets[name]!.baseUrl}${poolQueryPath(0)}`);
    const body = (await response.json()) as ErrorResponse;
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('1');
    expect(body).toEqual({ statusCode: 503, error: 'Service Unavailable', message: poolExhaustedMessage });
    expect(response.headers.get('content-type')).toMatch(/^application\/json\b/);
    expectValid(errorResponseSchema, body);

    for (const answer of await Promise.all(held))
      expect(expectJson(answer, 200, poolQueryResponseSchema)).toEqual({ sleptMs: holdMs });
    expect(expectJson(await get(poolQueryPath(0)), 200, poolQueryResponseSchema)).toEqual({ sleptMs: 0 });
  });
});
