import {
  authorsPath,
  authorsQuerySchema,
  authorVariantNames,
  selectAuthorsWithPosts,
  type AuthorsQuery,
  type DatabasePool,
} from '@lab/node-backend';
import type { Router } from 'express';
import { validateQuery } from '../../middleware/validate-url.js';
import { exactRouter } from './router.js';

/** Scenario 11: GET /n-plus-one/lazy, /n-plus-one/join and /n-plus-one/in. */
export function nPlusOneRouter(pool: DatabasePool): Router {
  const router = exactRouter();
  for (const variant of authorVariantNames) {
    router.get(authorsPath(variant), validateQuery(authorsQuerySchema), async (_req, res) => {
      res.json(await selectAuthorsWithPosts(pool, variant, res.locals['query'] as AuthorsQuery));
    });
  }
  return router;
}
