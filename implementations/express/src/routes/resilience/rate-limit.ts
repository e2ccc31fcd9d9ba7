import { HttpError, userParamsSchema, type User, type UserParams } from '@lab/contract';
import {
  rateLimitClientHeader,
  rateLimitKey,
  rateLimitKeyPrefix,
  rateLimitMessages,
  selectUser,
  type AppOptions,
  type DatabasePool,
  type RedisClient,
} from '@lab/node-backend';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import type { Request, Response, Router } from 'express';
import { RedisStore, type RedisReply } from 'rate-limit-redis';
import { validateParams } from '../../middleware/validate-url.js';
import { exactRouter } from '../database/router.js';

type Options = Pick<AppOptions, 'rateLimitMax' | 'rateLimitWindowMs'>;

/**
 * GET /limited/users/:id: GET /users/:id behind express-rate-limit, counted per client in Redis
 * (rate-limit-redis over the app's ioredis connection), so that every instance shares a count.
 * The limiter runs first: a request over the limit costs no validation and no query.
 */
export function rateLimitedRouter(pool: DatabasePool, redis: RedisClient, options: Options): Router {
  const limiter = rateLimit({
    windowMs: options.rateLimitWindowMs,
    limit: options.rateLimitMax,
    // RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset and Retry-After on a 429.
    standardHeaders: 'draft-6',
    legacyHeaders: false,
    keyGenerator: (req) => rateLimitKey(req.headers[rateLimitClientHeader], ipKeyGenerator(req.ip ?? '')),
    store: new RedisStore({
      prefix: rateLimitKeyPrefix('express'),
      sendCommand: (command: string, ...args: string[]) => redis.call(command, ...args) as Promise<RedisReply>,
    }),
    // The contract's error shape through the app's error handler (Retry-After is already set).
    handler: (_req, _res, next) =>
      next(new HttpError(429, rateLimitMessages.exceeded(options.rateLimitMax, options.rateLimitWindowMs))),
  });
  const router = exactRouter();
  router.get(
    '/limited/users/:id',
    limiter,
    validateParams(userParamsSchema),
    async (_req: Request, res: Response<User, { params: UserParams }>) => {
      res.json(await selectUser(pool, res.locals.params.id));
    },
  );
  return router;
}
