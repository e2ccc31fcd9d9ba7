import {
  authorsPath,
  authorsQuerySchema,
  authorsWithPostsSchema,
  authorVariantNames,
  selectAuthorsWithPosts,
  type AuthorsQuery,
  type AuthorsWithPosts,
} from '@lab/node-backend';
import type { FastifyPluginAsync } from 'fastify';
import { errorResponses } from './error-responses.js';

/** Scenario 11: GET /n-plus-one/lazy, /n-plus-one/join and /n-plus-one/in. */
export const nPlusOneRoutes: FastifyPluginAsync = async (app) => {
  for (const variant of authorVariantNames) {
    app.get<{ Querystring: AuthorsQuery; Reply: AuthorsWithPosts }>(
      authorsPath(variant),
      { schema: { querystring: authorsQuerySchema, response: { 200: authorsWithPostsSchema, ...errorResponses } } },
      async (request) => selectAuthorsWithPosts(app.pg, variant, request.query),
    );
  }
};
