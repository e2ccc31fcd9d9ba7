// Scenarios 14-17 and 20 as the load suites run them: compiled, NODE_ENV=production, their
// Redis and settings from the environment only, and a clean exit with the Redis connection open.
import { describe, expect, inject, it } from 'vitest';
import { loginUser } from '../../../fixtures/login-users.ts';
import { withRedis } from '../../../fixtures/redis-stats.ts';
import { loginResponseSchema, userSchema, type LoginResponse } from './index.ts';
import { sessionKey, userCacheKey } from '../../node-backend/src/index.ts';
import { expectJson, send } from './testing/answers.ts';
import { startServerProcess } from './testing/server-process.ts';
import { implementationsServing, unusedUpstreamUrl } from './testing/targets.ts';

/** The implementations whose lab.json serves this file's scenarios. */
const names = implementationsServing('14', '17');

const redisUrl = inject('redisUrl');

describe.each(names)('%s in production', (name) => {
  it('caches in the Redis REDIS_URL names, for CACHE_TTL_SECONDS, keeps sessions for SESSION_TTL_SECONDS, and exits 0 on SIGTERM', async () => {
    const server = await startServerProcess(name, {
      UPSTREAM_URL: unusedUpstreamUrl,
      DATABASE_URL: inject('databaseUrl'),
      REDIS_URL: redisUrl,
      CACHE_TTL_SECONDS: '77',
      SESSION_TTL_SECONDS: '88',
      ACCESS_TOKEN_TTL_SECONDS: '99',
      AUTH_SECRET: 'production-test-secret',
    });
    try {
      // A user of its own: one cached by an implementation before would be a hit here, its TTL already running.
      const id = 301 + names.indexOf(name);
      expect(expectJson(await send(server.baseUrl, `/cache/users/${id}/cached`), 200, userSchema)).toMatchObject({
        id,
      });
      const { email, password } = loginUser(16);
      const init = {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password }),
      };
      const login = expectJson(
        await send(server.baseUrl, '/auth/login', init),
        200,
        loginResponseSchema,
      ) as LoginResponse;
      expect(login).toMatchObject({ expiresIn: 99, sessionExpiresIn: 88 });
      const ttls = await withRedis(redisUrl, (redis) =>
        Promise.all([redis.ttl(userCacheKey(id)), redis.ttl(sessionKey(login.sessionId))]),
      );
      expect(ttls[0]).toBeGreaterThan(70);
      expect(ttls[0]).toBeLessThanOrEqual(77);
      expect(ttls[1]).toBeGreaterThan(80);
      expect(ttls[1]).toBeLessThanOrEqual(88);
    } finally {
      expect(await server.stop()).toBe(0);
    }
  });
});
