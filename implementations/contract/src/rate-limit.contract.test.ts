// The flash sale's rate limiting: GET /limited/users/:id is GET /users/:id behind a per-client
// limit (the x-client-id header, else the address), counted in Redis. Each implementation uses
// its framework's own limiter; both must answer alike: the same user while within the limit,
// the same 429 beyond it, with ratelimit-* headers and retry-after.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { withRedis } from '../../../fixtures/redis-stats.ts';
import { seededUsers } from '../../../fixtures/seed-users.ts';
import { errorMessages, userSchema, type ErrorResponse } from './index.ts';
import { limitedUserPath, rateLimitClientHeader, rateLimitMessages, userPath } from '../../node-backend/src/index.ts';
import { expectJson, expectSameError, send } from './testing/answers.ts';
import {
  type ImplementationName,
  implementationsServing,
  startTargets,
  stopTargets,
  type Targets,
} from './testing/targets.ts';

/** The implementations whose lab.json serves this file's scenarios. */
const names = implementationsServing('flash');

const rateLimitMax = 3;
// Long enough that a test's requests all fall in one window even on a busy machine.
const rateLimitWindowMs = 20_000;
const user = [...seededUsers(3)][2]!;
let targets: Targets;

function deleteRateLimitCounters(): Promise<void> {
  return withRedis(inject('redisUrl'), async (redis) => {
    const keys = await redis.keys('ratelimit:*');
    if (keys.length > 0) await redis.del(...keys);
  });
}

beforeAll(async () => {
  // Counters of an earlier run within the window would count against this one's address.
  await deleteRateLimitCounters();
  targets = await startTargets({ rateLimitMax, rateLimitWindowMs }, names);
});

afterAll(() => stopTargets(targets));

interface LimitedAnswer {
  status: number;
  body: unknown;
  limit: string | null;
  remaining: string | null;
  retryAfter: string | null;
}

async function get(name: ImplementationName, path: string, clientId?: string): Promise<LimitedAnswer> {
  const response = await fetch(`${targets[name]!.baseUrl}${path}`, {
    headers: clientId === undefined ? {} : { [rateLimitClientHeader]: clientId },
  });
  return {
    status: response.status,
    body: await response.json(),
    limit: response.headers.get('ratelimit-limit'),
    remaining: response.headers.get('ratelimit-remaining'),
    retryAfter: response.headers.get('retry-after'),
  };
}

/** A client id no earlier test or run has used. */
const newClient = (label: string) => `${label}-${randomUUID()}`;

describe.each(names)('%s', (name) => {
  it('answers the user of GET /users/:id while the client is within its limit, counting down ratelimit-remaining', async () => {
    const client = newClient('within');
    const expected = expectJson(await send(targets[name]!.baseUrl, userPath(user.id)), 200, userSchema);
    for (const remaining of ['2', '1', '0']) {
      const answer = await get(name, limitedUserPath(user.id), client);
      expect(answer).toEqual({ status: 200, body: expected, limit: '3', remaining, retryAfter: null });
    }
  });

  it('answers 429 in the contract shape with retry-after beyond the limit, and does not read the database for it', async () => {
    const client = newClient('beyond');
    for (let request = 0; request < rateLimitMax; request++)
      expect((await get(name, limitedUserPath(user.id), client)).status).toBe(200);
    // Over the limit, a bad id is not even validated: the limiter comes first.
    for (const path of [limitedUserPath(user.id), '/limited/users/abc']) {
      const answer = await get(name, path, client);
      expect(answer).toMatchObject({ status: 429, limit: '3', remaining: '0' });
      expect(answer.body).toEqual({
        statusCode: 429,
        error: 'Too Many Requests',
        message: rateLimitMessages.exceeded(rateLimitMax, rateLimitWindowMs),
      } satisfies ErrorResponse);
      const seconds = Number(answer.retryAfter);
      expect(Number.isInteger(seconds) && seconds >= 1 && seconds <= rateLimitWindowMs / 1000).toBe(true);
    }
  });

  it('counts each client apart: one over its limit does not limit another', async () => {
    const noisy = newClient('noisy');
    for (let request = 0; request <= rateLimitMax; request++) await get(name, limitedUserPath(user.id), noisy);
    expect((await get(name, limitedUserPath(user.id), noisy)).status).toBe(429);
    expect((await get(name, limitedUserPath(user.id), newClient('polite'))).status).toBe(200);
  });

  it('counts requests without a client id, or with one that is not an id, by their address', async () => {
    // The variants of one framework (express, express-deno, express-bun) share its counters, as
    // its instances would: the address's count of the one before is not this one's.
    await deleteRateLimitCounters();
    const statuses: number[] = [];
    for (const clientId of [undefined, 'not an id', 'x'.repeat(65), undefined])
      statuses.push((await get(name, limitedUserPath(user.id), clientId)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
  });
});

describe('within the limit, every implementation answers alike', () => {
  it.each([
    ['abc', 'params/id must be integer'],
    ['0', 'params/id must be >= 1'],
  ])('refuses the id %s with a 400 naming it', async (id, message) => {
    await expectSameError(
      targets,
      `/limited/users/${id}`,
      { headers: { [rateLimitClientHeader]: newClient('bad-id') } },
      400,
      message,
    );
  });

  it('answers 404 for a user that does not exist', async () => {
    await expectSameError(
      targets,
      limitedUserPath(10_000_000),
      { headers: { [rateLimitClientHeader]: newClient('missing') } },
      404,
      errorMessages.userNotFound(10_000_000),
    );
  });
});
