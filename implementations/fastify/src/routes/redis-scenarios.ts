import { importAccessTokenKey, type AppOptions } from '@lab/node-backend';
import type { FastifyPluginAsync } from 'fastify';
import { postgres } from '../postgres.js';
import { redis } from '../redis.js';
import { accountRoutes } from './account.js';
import { authRoutes } from './auth.js';
import { cacheRoutes } from './cache.js';

type Options = Pick<
  AppOptions,
  | 'databaseUrl'
  | 'databasePoolSize'
  | 'redisUrl'
  | 'authSecret'
  | 'cacheTtlSeconds'
  | 'accessTokenTtlSeconds'
  | 'sessionTtlSeconds'
>;

/**
 * Scenarios 14-17 and 20 in one context that holds a pg pool and the Redis connection, so that
 * their routes share them and no other route sees them (the /users routes have a pool of their
 * own; a load of one scenario uses one pool either way).
 */
export const redisScenarioRoutes: FastifyPluginAsync<Options> = async (app, options) => {
  await app.register(postgres, options);
  await app.register(redis, options);
  const accessTokenKey = importAccessTokenKey(options.authSecret);
  app.register(cacheRoutes, options);
  app.register(authRoutes, { ...options, accessTokenKey });
  app.register(accountRoutes, { accessTokenKey });
};
