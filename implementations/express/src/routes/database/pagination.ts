import {
  cursorPageQuerySchema,
  offsetPageQuerySchema,
  selectCursorPage,
  selectOffsetPage,
  type CursorPageQuery,
  type DatabasePool,
  type OffsetPageQuery,
} from '@lab/node-backend';
import type { Router } from 'express';
import { validateQuery } from '../../middleware/validate-url.js';
import { exactRouter } from './router.js';

/** Scenario 09: GET /pagination/offset and GET /pagination/cursor. */
export function paginationRouter(pool: DatabasePool): Router {
  const router = exactRouter();
  router.get('/pagination/offset', validateQuery(offsetPageQuerySchema), async (_req, res) => {
    res.json(await selectOffsetPage(pool, res.locals['query'] as OffsetPageQuery));
  });
  router.get('/pagination/cursor', validateQuery(cursorPageQuerySchema), async (_req, res) => {
    res.json(await selectCursorPage(pool, res.locals['query'] as CursorPageQuery));
  });
  return router;
}
