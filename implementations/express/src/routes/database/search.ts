import {
  searchArticles,
  searchPath,
  searchQuerySchema,
  searchVariantNames,
  type DatabasePool,
  type SearchQuery,
} from '@lab/node-backend';
import type { Router } from 'express';
import { validateQuery } from '../../middleware/validate-url.js';
import { exactRouter } from './router.js';

/** Scenario 19: GET /search/like and GET /search/full-text. */
export function searchRouter(pool: DatabasePool): Router {
  const router = exactRouter();
  for (const variant of searchVariantNames) {
    router.get(searchPath(variant), validateQuery(searchQuerySchema), async (_req, res) => {
      res.json(await searchArticles(pool, variant, res.locals['query'] as SearchQuery));
    });
  }
  return router;
}
