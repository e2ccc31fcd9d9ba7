// Scenarios 14-16: one user read straight from the database, or cache-aside through Redis.
import { userParamsSchema, type User, type UserParams } from '@lab/contract';
import { selectUser, selectUserThroughCache, type DatabasePool, type RedisClient } from '@lab/node-backend';
import { Router, type Request, type Response } from 'express';
import { validateParams } from '../middleware/validate-url.js';

type UserResponse = Response<User, { params: UserParams }>;

/** The routes under /cache (mounted there, so that other requests pass them by at once). */
export function cacheRoutes(pool: DatabasePool, redis: RedisClient, ttlSeconds: number): Router {
  const router = Router({ caseSensitive: true, strict: true });
  router.get('/users/:id/no-cache', validateParams(userParamsSchema), async (_req: Request, res: UserResponse) => {
    res.json(await selectUser(pool, res.locals.params.id));
  });
  router.get('/users/:id/cached', validateParams(userParamsSchema), async (_req: Request, res: UserResponse) => {
    res.json(await selectUserThroughCache(pool, redis, res.locals.params.id, ttlSeconds));
  });
  return router;
}
