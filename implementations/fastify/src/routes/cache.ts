import { errorResponseSchema, userParamsSchema, userSchema, type User, type UserParams } from '@lab/contract';
import { selectUser, selectUserThroughCache, type AppOptions } from '@lab/node-backend';
import type { FastifyPluginAsync } from 'fastify';
import { urlValidatorCompiler } from '../url-validation.js';
import { emptyIdIsUnknown } from './users.js';

const schema = {
  params: userParamsSchema,
  response: { 200: userSchema, '4xx': errorResponseSchema, '5xx': errorResponseSchema },
} as const;

/**
 * Scenarios 14-16: one user read straight from the database, or cache-aside through Redis. In a
 * context that has the pg and redis decorations (see redis-scenarios.ts).
 */
export const cacheRoutes: FastifyPluginAsync<Pick<AppOptions, 'cacheTtlSeconds'>> = async (
  app,
  { cacheTtlSeconds },
) => {
  app.setValidatorCompiler(urlValidatorCompiler);
  // As for /users/:id: find-my-way lets :id match nothing, Express's router does not.
  app.addHook('onRequest', emptyIdIsUnknown);

  app.get<{ Params: UserParams; Reply: User }>('/cache/users/:id/no-cache', { schema }, async (request) =>
    selectUser(app.pg, request.params.id),
  );

  app.get<{ Params: UserParams; Reply: User }>('/cache/users/:id/cached', { schema }, async (request) =>
    selectUserThroughCache(app.pg, app.redis, request.params.id, cacheTtlSeconds),
  );
};
