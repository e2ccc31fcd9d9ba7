import type { AppOptions } from '@lab/contract';
import type { FastifyPluginAsync } from 'fastify';
import { postgres } from '../../postgres.js';
import { redis } from '../../redis.js';
import { urlValidatorCompiler } from '../../url-validation.js';
import { breakerRoutes } from './breaker.js';
import { poolRoutes } from './pool.js';
import { rateLimitedRoutes } from './rate-limit.js';

type Options = Pick<
  AppOptions,
  | 'databaseUrl'
  | 'databasePoolSize'
  | 'databasePoolTimeoutMs'
  | 'redisUrl'
  | 'upstreamUrl'
  | 'upstreamTimeoutMs'
  | 'upstreamConnections'
  | 'breakerResetMs'
  | 'rateLimitMax'
  | 'rateLimitWindowMs'
>;

/**
 * The flash sale's resilience routes (circuit breaker, rate limit, pool) in a context of their
 * own that holds their pool (DATABASE_POOL_SIZE, DATABASE_POOL_TIMEOUT_MS) and Redis connection.
 * Their input is in the URL, coerced from text.
 */
export const resilienceRoutes: FastifyPluginAsync<Options> = async (app, options) => {
  await app.register(postgres, options);
  await app.register(redis, options);
  app.setValidatorCompiler(urlValidatorCompiler);
  app.register(breakerRoutes, options);
  app.register(rateLimitedRoutes, options);
  app.register(poolRoutes);
};
