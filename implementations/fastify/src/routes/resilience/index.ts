import type { AppOptions } from '@lab/node-backend';
import type { FastifyPluginAsync } from 'fastify';
import { postgres } from '../../postgres.js';
import { redis } from '../../redis.js';
import { urlValidatorCompiler } from '../../url-validation.js';
import { breakerRoutes } from './breaker.js';
import { poolRoutes } from './pool.js';
import { rateLimitedRoutes } from './rate-limit.js';
import { uuidKeysRoutes } from './uuid-keys.js';

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

/** The routes whose input is in the URL, coerced from text by the URL validator. */
const urlRoutes: FastifyPluginAsync<Options> = async (app, options) => {
  app.setValidatorCompiler(urlValidatorCompiler);
  app.register(breakerRoutes, options);
  app.register(rateLimitedRoutes, options);
  app.register(poolRoutes);
};

/**
 * The flash sale's resilience routes (circuit breaker, rate limit, pool, UUID keys) in a context
 * of their own that holds their pool (DATABASE_POOL_SIZE, DATABASE_POOL_TIMEOUT_MS) and Redis
 * connection. The UUID keys' inserts take JSON bodies, which the root's validator checks without
 * coercion, so they are registered apart from the routes that read their input from the URL.
 */
export const resilienceRoutes: FastifyPluginAsync<Options> = async (app, options) => {
  await app.register(postgres, options);
  await app.register(redis, options);
  app.register(urlRoutes, options);
  app.register(uuidKeysRoutes);
};
