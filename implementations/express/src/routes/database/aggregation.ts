import {
  aggregationPath,
  aggregationVariantNames,
  byAuthorQuerySchema,
  byCountryQuerySchema,
  countPosts,
  countQuerySchema,
  postsByAuthor,
  postsByCountry,
  type ByAuthorQuery,
  type ByCountryQuery,
  type CountQuery,
  type DatabasePool,
} from '@lab/node-backend';
import type { Router } from 'express';
import { validateQuery } from '../../middleware/validate-url.js';
import { exactRouter } from './router.js';

/** Scenario 18: GET /aggregation/<unindexed|indexed>/<count|by-country|by-author>. */
export function aggregationRouter(pool: DatabasePool): Router {
  const router = exactRouter();
  for (const variant of aggregationVariantNames) {
    router.get(aggregationPath(variant, 'count'), validateQuery(countQuerySchema), async (_req, res) => {
      res.json(await countPosts(pool, variant, res.locals['query'] as CountQuery));
    });
    router.get(aggregationPath(variant, 'by-country'), validateQuery(byCountryQuerySchema), async (_req, res) => {
      res.json(await postsByCountry(pool, variant, res.locals['query'] as ByCountryQuery));
    });
    router.get(aggregationPath(variant, 'by-author'), validateQuery(byAuthorQuerySchema), async (_req, res) => {
      res.json(await postsByAuthor(pool, variant, res.locals['query'] as ByAuthorQuery));
    });
  }
  return router;
}
