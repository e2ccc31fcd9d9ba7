import {
  errorResponseSchema,
  HttpError,
  userParamsSchema,
  userSchema,
  type User,
  type UserParams,
} from '@lab/contract';
import {
  rateLimitClientHeader,
  rateLimitKey,
  rateLimitKeyPrefix,
  rateLimitMessages,
  selectUser,
  type AppOptions,
} from '@lab/node-backend';
import rateLimit from '@fastify/rate-limit';
import type { FastifyPluginAsync } from 'fastify';
import { emptyIdIsUnknown } from '../users.js';

type Options = Pick<AppOptions, 'rateLimitMax' | 'rateLimitWindowMs'>;

/**
 * GET /limited/users/:id: GET /users/:id behind @fastify/rate-limit, counted per client in Redis
 * (the plugin's Redis store over this context's ioredis connection). The limit is checked in an
 * onRequest hook: a request over the limit costs no validation and no query. Needs a context
 * with the pg and redis decorations and the URL validator.
 */
export const rateLimitedRoutes: FastifyPluginAsync<Options> = async (app, options) => {
  await app.register(rateLimit, {
    global: false,
    redis: app.redis,
    nameSpace: rateLimitKeyPrefix('fastify'),
    keyGenerator: (request) => rateLimitKey(request.headers[rateLimitClientHeader], request.ip),
    // ratelimit-limit, ratelimit-remaining, ratelimit-reset, as express-rate-limit's draft-6 headers, and retry-after on a 429.
    enableDraftSpec: true,
    // Thrown, so the app's error handler answers it in the contract's shape.
    errorResponseBuilder: () =>
      new HttpError(429, rateLimitMessages.exceeded(options.rateLimitMax, options.rateLimitWindowMs)),
  });
  app.addHook('onRequest', emptyIdIsUnknown);

  app.get<{ Params: UserParams; Reply: User }>(
    '/limited/users/:id',
    {
      config: { rateLimit: { max: options.rateLimitMax, timeWindow: options.rateLimitWindowMs } },
      schema: {
        params: userParamsSchema,
        response: { 200: userSchema, '4xx': errorResponseSchema, '5xx': errorResponseSchema },
      },
    },
    async (request) => selectUser(app.pg, request.params.id),
  );
};
