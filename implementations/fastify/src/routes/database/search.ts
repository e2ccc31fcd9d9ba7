import {
  searchArticles,
  searchPath,
  searchQuerySchema,
  searchResultsSchema,
  searchVariantNames,
  type SearchQuery,
  type SearchResults,
} from '@lab/node-backend';
import type { FastifyPluginAsync } from 'fastify';
import { errorResponses } from './error-responses.js';

/** Scenario 19: GET /search/like and GET /search/full-text. */
export const searchRoutes: FastifyPluginAsync = async (app) => {
  for (const variant of searchVariantNames) {
    app.get<{ Querystring: SearchQuery; Reply: SearchResults }>(
      searchPath(variant),
      { schema: { querystring: searchQuerySchema, response: { 200: searchResultsSchema, ...errorResponses } } },
      async (request) => searchArticles(app.pg, variant, request.query),
    );
  }
};
