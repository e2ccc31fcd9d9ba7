import {
  createUpstreamBreaker,
  type AppOptions,
  type DatabasePool,
  type RedisClient,
  type UpstreamClient,
} from '@lab/node-backend';
import type { Router } from 'express';
import { breakerRouter } from './breaker.js';
import { poolRouter } from './pool.js';
import { rateLimitedRouter } from './rate-limit.js';
import { uuidKeysRouter } from './uuid-keys.js';

interface ResilienceDependencies {
  pool: DatabasePool;
  redis: RedisClient;
  upstream: UpstreamClient;
  options: Pick<AppOptions, 'breakerResetMs' | 'rateLimitMax' | 'rateLimitWindowMs'>;
}

/** The flash sale's resilience routes (circuit breaker, rate limit, pool, UUID keys), on the app's pool, Redis and upstream client. */
export function resilienceRouters({ pool, redis, upstream, options }: ResilienceDependencies): {
  routers: Router[];
  close(): void;
} {
  const breaker = createUpstreamBreaker(upstream, options);
  return {
    routers: [breakerRouter(breaker), rateLimitedRouter(pool, redis, options), poolRouter(pool), uuidKeysRouter(pool)],
    close: () => breaker.shutdown(),
  };
}
