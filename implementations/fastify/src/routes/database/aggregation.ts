import {
  aggregationPath,
  aggregationVariantNames,
  byAuthorQuerySchema,
  byCountryQuerySchema,
  countPosts,
  countQuerySchema,
  postCountSchema,
  postsByAuthor,
  postsByAuthorSchema,
  postsByCountry,
  postsByCountrySchema,
  type ByAuthorQuery,
  type ByCountryQuery,
  type CountQuery,
  type PostCount,
  type PostsByAuthor,
  type PostsByCountry,
} from '@lab/node-backend';
import type { FastifyPluginAsync } from 'fastify';
import { errorResponses } from './error-responses.js';

/** Scenario 18: GET /aggregation/<unindexed|indexed>/<count|by-country|by-author>. */
export const aggregationRoutes: FastifyPluginAsync = async (app) => {
  for (const variant of aggregationVariantNames) {
    app.get<{ Querystring: CountQuery; Reply: PostCount }>(
      aggregationPath(variant, 'count'),
      { schema: { querystring: countQuerySchema, response: { 200: postCountSchema, ...errorResponses } } },
      async (request) => countPosts(app.pg, variant, request.query),
    );
    app.get<{ Querystring: ByCountryQuery; Reply: PostsByCountry }>(
      aggregationPath(variant, 'by-country'),
      { schema: { querystring: byCountryQuerySchema, response: { 200: postsByCountrySchema, ...errorResponses } } },
      async (request) => postsByCountry(app.pg, variant, request.query),
    );
    app.get<{ Querystring: ByAuthorQuery; Reply: PostsByAuthor }>(
      aggregationPath(variant, 'by-author'),
      { schema: { querystring: byAuthorQuerySchema, response: { 200: postsByAuthorSchema, ...errorResponses } } },
      async (request) => postsByAuthor(app.pg, variant, request.query),
    );
  }
};
