// Scenarios 14-16: GET /cache/users/{id}/no-cache reads PostgreSQL alone, .../cached reads through
// Redis (cache-aside, with a TTL). Both must answer with the same user, byte for byte, and what
// the cache did must show in Redis's own hit and miss counters. This file has a Redis of its own,
// so that no other file's sessions move those counters.
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startRedis, type RunningService } from 'vitest-load/services';
import { SEEDED_USERS } from '../../../fixtures/lab-database.ts';
import { readKeyspaceStats, resetKeyspaceStats, withRedis } from '../../../fixtures/redis-stats.ts';
import { seededUsers } from '../../../fixtures/seed-users.ts';
import { clearUserCache, warmUserCache } from '../../../fixtures/user-cache.ts';
import { errorMessages, errorResponseSchema, userSchema, type ErrorResponse, type User } from './index.ts';
import { userCacheKey } from '../../node-backend/src/index.ts';
import { expectJson, expectSameAnswers, expectSameError, send, sendToAll, type Answer } from './testing/answers.ts';
import { closedPortUrl, implementationsServing, startTargets, stopTargets, type Targets } from './testing/targets.ts';

/** The implementations whose lab.json serves this file's scenarios. */
const names = implementationsServing('14', '15', '16');

const cacheTtlSeconds = 30;
const seeded: User[] = [...seededUsers(1000)];
const missingId = SEEDED_USERS * 10;
let redis: RunningService;
let redisUrl: string;
let targets: Targets;

beforeAll(async () => {
  redis = await startRedis();
  redisUrl = redis.env['REDIS_URL']!;
  targets = await startTargets({ redisUrl, cacheTtlSeconds }, names);
});

afterAll(async () => {
  await stopTargets(targets);
  await redis?.stop();
});

beforeEach(async () => {
  await clearUserCache(redisUrl);
  await resetKeyspaceStats(redisUrl);
});

const noCache = (id: number | string) => `/cache/users/${id}/no-cache`;
const cached = (id: number | string) => `/cache/users/${id}/cached`;

function ttlOf(id: number): Promise<number> {
  return withRedis(redisUrl, (client) => client.ttl(userCacheKey(id)));
}

describe.each(names)('%s', (name) => {
  const get = (path: string) => send(targets[name]!.baseUrl, path);
  // Each implementation reads users of its own, so that one's entries are not the other's hits.
  const offset = name === 'express' ? 0 : 500;

  it('answers GET /cache/users/{id}/no-cache with the seeded user from the database, and never asks Redis', async () => {
    const user = seeded[offset + 6]!;
    const answer = await get(noCache(user.id));
    expect(expectJson(answer, 200, userSchema)).toEqual(user);
    expect(answer.text).toBe(JSON.stringify(user));
    expect(await readKeyspaceStats(redisUrl)).toEqual({ hits: 0, misses: 0 });
  });

  it('reads a user that is not cached as one miss, caches it with the TTL, and reads it next as one hit', async () => {
    const user = seeded[offset + 7]!;
    const first = await get(cached(user.id));
    expect(first.text).toBe(JSON.stringify(user));
    expect(await readKeyspaceStats(redisUrl)).toEqual({ hits: 0, misses: 1 });
    const second = await get(cached(user.id));
    expect(second).toEqual(first);
    expect(await readKeyspaceStats(redisUrl)).toEqual({ hits: 1, misses: 1 });

    // Last: reading a key's TTL is a read of the key, and Redis counts it as a hit too.
    const ttl = await ttlOf(user.id);
    expect(ttl).toBeGreaterThan(cacheTtlSeconds - 5);
    expect(ttl).toBeLessThanOrEqual(cacheTtlSeconds);
  });

  it('answers the cached route with the same bytes as the uncached one, from the database and from the cache', async () => {
    const user = seeded[offset + 8]!;
    const fromDatabase = await get(noCache(user.id));
    const onMiss = await get(cached(user.id));
    const onHit = await get(cached(user.id));
    expect(onMiss).toEqual(fromDatabase);
    expect(onHit).toEqual(fromDatabase);
  });

  it('finds a user that the fixture warmed as a hit on the first read, with the bytes of the database', async () => {
    const user = seeded[offset + 9]!;
    await warmUserCache(redisUrl, [user.id]);
    await resetKeyspaceStats(redisUrl);
    expect((await get(cached(user.id))).text).toBe((await get(noCache(user.id))).text);
    expect(await readKeyspaceStats(redisUrl)).toEqual({ hits: 1, misses: 0 });
  });

  it('serves pure hits (16a) from a warmed set: every read a hit, no miss', async () => {
    const ids = seeded.slice(offset + 10, offset + 30).map((user) => user.id);
    await warmUserCache(redisUrl, ids);
    await resetKeyspaceStats(redisUrl);
    for (const id of ids) expect((await get(cached(id))).status).toBe(200);
    expect(await readKeyspaceStats(redisUrl)).toEqual({ hits: ids.length, misses: 0 });
  });

  it('serves pure misses (16b) once the cache is cleared and every read asks for a user not read before', async () => {
    const ids = seeded.slice(offset + 30, offset + 50).map((user) => user.id);
    for (const id of ids) expect((await get(cached(id))).status).toBe(200);
    expect(await readKeyspaceStats(redisUrl)).toEqual({ hits: 0, misses: ids.length });
    // Each miss left its user cached: read again, each is a hit.
    for (const id of ids) await get(cached(id));
    expect(await readKeyspaceStats(redisUrl)).toEqual({ hits: ids.length, misses: ids.length });
  });

  it('does not cache a user that does not exist: each read is a miss and a 404', async () => {
    for (let attempt = 0; attempt < 2; attempt++) {
      const body = expectJson(await get(cached(missingId)), 404, {}) as { message: string };
      expect(body.message).toBe(errorMessages.userNotFound(missingId));
    }
    expect(await readKeyspaceStats(redisUrl)).toEqual({ hits: 0, misses: 2 });
    expect(await ttlOf(missingId)).toBe(-2);
  });
});

describe('every implementation answers the cache routes alike', () => {
  it.each([noCache(42), cached(42), cached(42)])('gives the same body for GET %s', async (path) => {
    expectJson(expectSameAnswers(await sendToAll(targets, path)), 200, userSchema);
  });

  it.each([
    ['abc', 'params/id must be integer'],
    ['0', 'params/id must be >= 1'],
    ['9007199254740992', 'params/id must be <= 9007199254740991'],
  ])('rejects the id %s on both routes with a 400 naming it', async (id, message) => {
    await expectSameError(targets, noCache(id), {}, 400, message);
    await expectSameError(targets, cached(id), {}, 400, message);
  });

  it.each([noCache(missingId), cached(missingId)])(
    'answers GET %s for a user that does not exist with a 404 naming its id',
    async (path) => {
      await expectSameError(targets, path, {}, 404, errorMessages.userNotFound(missingId));
    },
  );

  it.each(['/cache/users//cached', '/cache/users/1/cached/', '/cache/users/1'])(
    'matches paths exactly, so %s is unknown',
    async (path) => {
      await expectSameError(targets, path, {}, 404, errorMessages.routeNotFound('GET', path));
    },
  );
});

describe('a cache entry past its TTL', () => {
  let shortLived: Targets;

  beforeAll(async () => {
    shortLived = await startTargets({ redisUrl, cacheTtlSeconds: 1 }, names);
  });

  afterAll(() => stopTargets(shortLived));

  it.each(names)('is gone, so %s reads the user from the database again: a second miss', async (name) => {
    const id = name === 'express' ? 900 : 901;
    await send(shortLived[name]!.baseUrl, cached(id));
    await delay(1100);
    await send(shortLived[name]!.baseUrl, cached(id));
    expect(await readKeyspaceStats(redisUrl)).toEqual({ hits: 0, misses: 2 });
  });
});

describe('a Redis that is down', () => {
  let unreachable: Targets;

  beforeAll(async () => {
    const { port } = new URL(await closedPortUrl());
    unreachable = await startTargets({ redisUrl: `redis://127.0.0.1:${port}` }, names);
  });

  afterAll(() => stopTargets(unreachable));

  // Each implementation in turn, each within 5 s: the test's time grows with their number.
  it(
    'makes the cached route a 500 in the contract error shape at once, and leaves the uncached route working',
    { timeout: 5000 * names.length },
    async () => {
      // The implementations log the failure to standard error; here it is expected.
      const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
      try {
        const answers: Record<string, Answer> = {};
        for (const name of names) {
          const started = performance.now();
          answers[name] = await send(unreachable[name]!.baseUrl, cached(1));
          expect(performance.now() - started, name).toBeLessThan(5000);
        }
        expect((expectJson(expectSameAnswers(answers), 500, errorResponseSchema) as ErrorResponse).message).toBe(
          errorMessages.internal,
        );
        expect(logged).toHaveBeenCalled();
        expect((await sendToAll(unreachable, noCache(1))).fastify!.status).toBe(200);
        expectSameAnswers(await sendToAll(unreachable, noCache(1)));
      } finally {
        logged.mockRestore();
      }
    },
  );
});
